"""Answers to the rule-by-rule audit of the emulator against the published schema.

Every row of the audit (refusals found, documented rules not enforced, partial changes, reporting fields)
is answered either by the rules that cite it (``Rule.audit``) or here, when the rule was removed or the
behaviour fixed. ``python -m saagie_emulator.coverage`` writes both into ``COVERAGE.md``; a test checks that
no row is left unanswered.
"""

from __future__ import annotations

__all__ = ["ANSWERS", "AUDIT_ROWS"]


def _ids(prefix: str, last: int) -> list[str]:
    return [f"{prefix}{n}" for n in range(1, last + 1)]


#: Every row of the audit: §1 refusals, §2 documented rules not enforced (D), §3 partial changes (NA-...),
#: §4 reporting fields (RF-...).
AUDIT_ROWS: tuple[str, ...] = (
    *_ids("X", 7),
    *_ids("PR", 8),
    *_ids("JB", 22),
    *_ids("PL", 27),
    *_ids("AP", 20),
    *_ids("EV", 14),
    *_ids("GW", 7),
    *_ids("RS", 21),
    "CN1",
    *_ids("D", 31),
    "NA-editProject",
    "NA-editJob",
    "NA-editPipeline",
    "NA-replaceEnvironmentVariablesByRawForScope",
    "NA-movePipeline",
    "NA-createApp",
    "NA-moveJobs",
    "RF-Job.isDeletable",
    "RF-JobVersion.deletableState",
    "RF-PipelineVersion.deletableState",
    "RF-Pipeline.movableState",
    "RF-EnvironmentVariable.isValid",
)

_ATOMIC = "fixed: every check runs before the first change (atomicity test generated from the rule table)"

#: Rows not answered by a rule's ``audit``: what became of them.
ANSWERS: dict[str, str] = {
    "X3": "kept (transport, not a business rule): 401 without a live token, as 2.x expects (rest.md §13.3 A2)",
    "X4": "kept (transport): 401 Bad credentials on a failed login (rest.md §13.3 A1)",
    "X5": "kept (transport): the projects endpoint is per platform (/projects/api/platform/{id}/graphql); "
    "the emulator serves one platform, another id has no endpoint (404)",
    "PR4": "removed: any job category name is accepted (jobCategories only lists the usual ones)",
    "PR6": "removed: technologiesByCategory accepts any technology of the catalog",
    "PR7": "removed: appTechnologies accepts any technology of the catalog",
    "PR8": "removed: authorizedGroups may name any group (a group without a role counts as manager)",
    "JB10": "removed: a scheduled job without a cron expression is accepted (never fires)",
    "JB11": "removed (see JB10); the edit is also atomic now",
    "JB17": "removed: stopping a finished job instance answers it unchanged",
    "JB19": "kept, see INSTANCE_LINKED_TO_PIPELINE",
    "JB20": "fixed: included ids obey the same rules (children of the job, terminated, not in a pipeline)",
    "JB22": "fixed: includeJobInstanceIds of deleteJobInstancesByDate is honoured, over exclude",
    "PL5": "removed: a condition node without a condition gets the default AllSuccessOrSkipped preset; "
    "with both, the status preset is used",
    "PL6": "removed: an expression is evaluated when the pipeline runs; a bad one fails the condition node",
    "PL7": "removed: a pipeline without job nodes is accepted",
    "PL8": "removed: a successor id that names no node is kept and ignored when the pipeline runs",
    "PL10": "removed: no rule for an empty pipeline name (PipelineInput.name is only String!)",
    "PL13": "removed: a scheduled pipeline without a cron expression is accepted",
    "PL14": "removed (see PL13); the edit is also atomic now",
    "PL15": "removed: deletePipeline needs the Super-Admin role and nothing else; its instances, running or "
    "not, are deleted with it (compat test: delete right after run)",
    "PL18": "kept, see INSTANCE_DOES_NOT_MATCH",
    "PL19": "fixed: includePipelineInstanceIds is honoured, over exclude",
    "PL20": "kept, see INSTANCE_NOT_TERMINATED",
    "PL21": "fixed: includePipelineInstanceIds is honoured, over exclude",
    "PL22": "removed: stopping a finished pipeline instance answers it unchanged",
    "AP9": "removed: createApp accepts any technology",
    "AP10": "removed: createApp does not require the technology in the project (only project: must exist)",
    "AP12": "removed: runApp on a running app answers it unchanged",
    "AP13": "removed: stopApp on a stopped app answers it unchanged",
    "AP17": "removed (a 2.x client-side guard, not the platform's): a volume mounted by an app is deleted, the "
    "version then shows no volume at that path",
    "AP18": "removed: unlinkVolume always unlinks",
    "AP20": "fixed: moveVolume moves linked volumes (the schema's 'must be link with an app') and unlinked ones "
    "(2.x's test_move_storage moves one); the volume leaves its app",
    "EV14": "removed: username and password are String! only",
    "GW3": "removed: no rule for an empty repository name (the 255 limit applies)",
    "GW5": "removed: a repository made from a file is synchronized again from the same file",
    "CN1": "fixed: evaluateConditionExpression answers null (a nullable Boolean) when the expression cannot be "
    "evaluated",
    "D6": "fixed: projects lists the projects the caller belongs to or created (authorization)",
    "D11": "not modelled: the emulated catalog declares no job features, so there is nothing to fill",
    "D17": "not checked by a rule: repository URLs and files are read by the synchronization, which reports "
    "what it cannot read",
    "D19": "kept: updateDockerCredentials without a registry keeps the registry, as 2.x's integration test "
    "expects from the platform (rest.md §13.3 D), although the schema says Docker Hub",
    "D25": "fixed: duplicateJobs copies each job's current version and rewires the copy; 'must be deletable' "
    "has no documented meaning for a pipeline (deletePipeline has no precondition), so it is not checked",
    "D26": "partly: isValid/invalidReasons report the name rules (invalidReasons is null when valid); "
    "TOO_LONG_VALUE and MAXIMUM_COUNT_EXCEEDED have no documented limit, so they are not enforced",
    "D28": "fixed: JOB_INSTANCES_NOT_TERMINATED and INSTANCE_DOES_NOT_MATCH_PIPELINE (per item); "
    "JOB_INSTANCES_NOT_IN_PIPELINE cannot happen in the emulator",
    "D29": "fixed: pipeline(id) answers null and pipelines(projectId) leaves out a pipeline with a graph version "
    "(createGraphPipeline, addGraphPipelineVersion); isLegacyPipeline tells a linear current version",
    "D30": "fixed: the deprecated 'not implemented' arguments (projects search/first/skip, countJobs filters, "
    "minus/moreJobInstanceIds) are ignored, as on the platform",
    "D31": "fixed: editRepository synchronizes only when the URL changes and triggerSynchronization is true",
    "NA-editProject": _ATOMIC,
    "NA-editJob": _ATOMIC,
    "NA-editPipeline": _ATOMIC,
    "NA-replaceEnvironmentVariablesByRawForScope": _ATOMIC,
    "NA-movePipeline": _ATOMIC,
    "NA-createApp": _ATOMIC + " (createApp, addAppVersion, rollbackAppVersion link volumes last)",
    "NA-moveJobs": _ATOMIC,
    "RF-Job.isDeletable": "fixed: isDeletable and deletableState report what deleteJob refuses "
    "(HAS_UNFINISHED_INSTANCES, LINKED_TO_PIPELINE in any pipeline version) (test)",
    "RF-JobVersion.deletableState": "fixed: CURRENT_VERSION, VERSION_HAS_UNFINISHED_INSTANCES, "
    "VERSION_LINKED_TO_PIPELINE_INSTANCE, what deleteJobVersions refuses (test)",
    "RF-PipelineVersion.deletableState": "fixed: CURRENT_VERSION, VERSION_HAS_UNFINISHED_INSTANCES (test)",
    "RF-Pipeline.movableState": "fixed: the PipelineMovableStateErrorReason values movePipeline refuses whatever "
    "the target (test)",
    "RF-EnvironmentVariable.isValid": "fixed, see D26",
}
