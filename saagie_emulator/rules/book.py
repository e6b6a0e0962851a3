"""Every refusal rule of the emulated platform, with its source (see :mod:`saagie_emulator.rules`).

``audit`` names the rows of the rule-by-rule audit of the emulator against the published schema that a rule
answers; rows whose rule was removed or whose behaviour was fixed are answered in
:mod:`saagie_emulator.rules.audit`.
"""

from __future__ import annotations

from . import allowed, rule

__all__: list[str] = []  # the rules are imported by name

P = "projects-api"
G = "gateway-api"

# ------------------------------------------------------------------------------------------ operation groups
JOB_MOVES = ("moveJob", "moveJobs")
MOVES = ("moveJob", "moveJobs", "movePipeline", "moveVolume")
GRAPH_WRITES = ("createGraphPipeline", "createPipeline", "addGraphPipelineVersion", "addPipelineVersion")
PIPELINE_CREATES = ("createGraphPipeline", "createPipeline")
CRON_WRITES = ("createJob", "editJob", "createGraphPipeline", "createPipeline", "editPipeline")
ENV_WRITES = ("saveEnvironmentVariable", "replaceEnvironmentVariablesByRawForScope")
#: Mutations documented "at least the editor role in the project associated ... or in all projects".
EDITOR_MUTATIONS = (
    "runJob",
    "stopJobInstance",
    "deleteJobInstances",
    "deleteJobInstancesBySelector",
    "deleteJobInstancesByDate",
    "createJob",
    "editJob",
    "deleteJob",
    "archiveJob",
    "deleteJobVersions",
    "rollbackJobVersion",
    "setMajorJobVersion",
    "duplicateJob",
    "createApp",
    "installApp",
    "addAppVersion",
    "editApp",
    "rollbackAppVersion",
    "setMajorAppVersion",
    "runApp",
    "restartApp",
    "stopApp",
    "deleteApp",
    "createPipeline",
    "createGraphPipeline",
    "editPipeline",
    "runPipeline",
    "duplicatePipeline",
    "addPipelineVersion",
    "addGraphPipelineVersion",
    "rollbackPipelineVersion",
    "setMajorPipelineVersion",
    "deletePipelineInstances",
    "deletePipelineVersions",
    "deletePipelineInstancesByStatusSelector",
    "deletePipelineInstancesByDateSelector",
    "stopPipelineInstance",
    "createVolume",
    "deleteVolume",
    "editVolume",
    "duplicateVolume",
)
#: Mutations with no documented role, on an entity of a project: the editor rule of every other project
#: mutation is applied (inferred).
INFERRED_EDITOR_MUTATIONS = (
    "addJobVersion",
    "saveEnvironmentVariable",
    "replaceEnvironmentVariablesByRawForScope",
    "deleteEnvironmentVariable",
    "createDockerCredentials",
    "updateDockerCredentials",
    "deleteDockerCredentials",
    "unlinkVolume",
)
#: Queries documented "at least the viewer role in the project (associated ...) or in all projects".
VIEWER_QUERIES = (
    "project",
    "projectByName",
    "jobs",
    "job",
    "jobByAlias",
    "labWebApps",
    "labWebApp",
    "app",
    "volume",
    "projectEnvironmentVariables",
    "jobEnvironmentVariables",
    "pipelineEnvironmentVariables",
    "appEnvironmentVariables",
    "technologiesByCategory",
    "appTechnologies",
    "logs",
    "countLogs",
    "filteredLogs",
    "countFilteredLogs",
    "appLogs",
    "countAppLogs",
    "conditionPipelineFilteredLogs",
    "conditionPipelineByNodeIdFilteredLogs",
    "conditionPipelineCountFilteredLogs",
    "countJobs",
    "countApps",
    "jobInstance",
    "conditionInstance",
    "jobVersion",
    "appVersion",
    "pipelines",
    "pipeline",
    "graphPipeline",
    "graphPipelineByName",
    "graphPipelineByAlias",
    "pipelineVersion",
    "pipelineInstance",
)
#: Project queries with no documented role: the viewer rule of the other project queries (inferred).
INFERRED_VIEWER_QUERIES = (
    "appHistoryStatuses",
    "countAppHistoryStatuses",
    "appStats",
    "countJobInstancesBySelector",
    "countJobInstancesByDate",
    "countDeletablePipelineInstancesByStatus",
    "countDeletablePipelineInstancesByDate",
    "allDockerCredentials",
    "dockerCredentials",
    "evaluateConditionExpression",
)
ALL_MUTATIONS = (
    *EDITOR_MUTATIONS,
    *INFERRED_EDITOR_MUTATIONS,
    "createProject",
    "editProject",
    "archiveProject",
    "deleteProject",
    "deletePipeline",
    *MOVES,
)
GATEWAY_MUTATIONS = (
    "addRepository",
    "editRepository",
    "removeRepository",
    "synchronizeRepository",
    "revertLastSynchronization",
)
USER_ADMIN = (
    "REST POST /auth/api/users",
    "REST DELETE /auth/api/users/{login}",
    "REST POST /auth/api/groups",
    "REST DELETE /auth/api/groups/{name}",
    "REST PUT /security/api/groups/{name}",
)

# ------------------------------------------------------------------------------------------ authorization
ACCESS_VIEWER = rule(
    "ACCESS_PROJECT_VIEWER",
    "Access Denied: {login} needs at least the viewer role in project '{project}' (or in all projects)",
    source=f'{P} Query.project and 36 other queries: "You can only ... if you have at least the viewer role in '
    'this project or in all projects"; a nullable result answers null instead (observed: 2.x gets '
    '{{"project": None}} "for an unknown or forbidden project", rest.md apps.list_for_project); the '
    f"{len(INFERRED_VIEWER_QUERIES)} project queries without a documented role get the same rule (inf.)",
    operations=(*VIEWER_QUERIES, *INFERRED_VIEWER_QUERIES),
    kind="access",
    audit=("D7",),
)
ACCESS_EDITOR = rule(
    "ACCESS_PROJECT_EDITOR",
    "Access Denied: {login} needs at least the editor role in project '{project}' (or in all projects) to {operation}",
    source=f'{P} Mutation.runJob and {len(EDITOR_MUTATIONS) - 1} other mutations: "You can only ... if you have at '
    'least the editor role in the project associated ... or in all projects"; the project mutations without a '
    "documented role (addJobVersion, variables, docker credentials, unlinkVolume) get the same rule (inf.)",
    operations=(*EDITOR_MUTATIONS, *INFERRED_EDITOR_MUTATIONS),
    kind="access",
    audit=("D4",),
)
ACCESS_EDITOR_BOTH = rule(
    "ACCESS_PROJECT_EDITOR_SOURCE_AND_TARGET",
    "Access Denied: {login} needs at least the editor role in project '{project}' to {operation} "
    "(both the source and the target project)",
    source=f'{P} Mutation.moveJob, moveJobs, movePipeline, moveVolume: "You can only move ... if you have at '
    'least the editor role in both the source and target projects"',
    operations=MOVES,
    kind="access",
    audit=("D5",),
)
ACCESS_MANAGER = rule(
    "ACCESS_PROJECT_MANAGER",
    "Access Denied: {login} needs the manager role in project '{project}' (or in all projects) to {operation}",
    source=f'{P} Mutation.editProject: "the project manager role in the project you wish to edit"; '
    'archiveProject, deleteProject: "at least the manager role in the project or in all projects"; '
    'Query.rights: "at least the manager role in the project or in all projects"',
    operations=("editProject", "archiveProject", "deleteProject", "rights"),
    kind="access",
    audit=("D3",),
)
ACCESS_CREATOR = rule(
    "ACCESS_PROJECT_CREATOR",
    "Access Denied: {login} needs the project creator role to {operation}",
    source=f'{P} Mutation.createProject: "You can only create a project if you have the project creator role"; '
    'Query.jobCategories: "if you have project creator role"; Query.globalEnvironmentVariables: "if you have '
    'a creator role". The role is a group permission {{artifact: PROJECTS_CREATOR, role: ROLE_PROJECT_CREATOR}} '
    "(observed: a platform's user permissions, saagie/gradle-saagie-dataops-plugin PlatformListTaskTests)",
    operations=("createProject", "jobCategories", "globalEnvironmentVariables"),
    kind="access",
    audit=("D2", "D7"),
)
ACCESS_SUPER_ADMIN = rule(
    "ACCESS_SUPER_ADMIN",
    "Access Denied: {login} needs the global Super-Admin role (ROLE_ADMIN) to {operation}",
    source=f'{P} Mutation.deletePipeline: "You can only delete a pipeline if you have the global Super-Admin role."',
    operations=("deletePipeline",),
    kind="access",
    audit=("D1",),
)
ACCESS_ENVVAR_EDITOR = rule(
    "ACCESS_GLOBAL_ENVVAR_EDITOR",
    "Access Denied: {login} needs the ROLE_PROJECT_ENVVAR_EDITOR permission to change global variables",
    source="observed: groups carry the permission {artifact: PROJECTS_ENVVAR_EDITOR, role: ROLE_PROJECT_ENVVAR_EDITOR} "
    "(2.x reference rest.md groups.get_permission); global variables have no project, so this permission (or "
    "ROLE_ADMIN) is what allows changing them (inf.)",
    operations=(*ENV_WRITES, "deleteEnvironmentVariable"),
    kind="access",
)
ACCESS_CATALOG = rule(
    "ACCESS_TECHNOLOGY_CATALOG",
    "Access Denied: {login} needs access to the technology catalog (ROLE_ACCESS on TECHNOLOGY_CATALOG) to {operation}",
    source="observed: groups carry the realm permission {artifact: TECHNOLOGY_CATALOG, role: ROLE_ACCESS} (2.x "
    "reference rest.md groups.get_permission); repository changes need it or ROLE_ADMIN (inf.)",
    operations=GATEWAY_MUTATIONS,
    kind="access",
)
ACCESS_REALM_ADMIN = rule(
    "ACCESS_REALM_ADMIN",
    "Access Denied: {login} needs the ROLE_ADMIN role to {operation}",
    source="(inf.) users, groups and their permissions are administered for the whole realm, by the Super-Admin "
    "role (ROLE_ADMIN) of deletePipeline; a ROLE_READER that creates a ROLE_ADMIN user would escalate itself",
    operations=USER_ADMIN,
    kind="access",
    status=403,
)
ACCESS_OWN_PROFILE = rule(
    "ACCESS_OWN_PROFILE",
    "Access Denied: {login} may only edit its own profile",
    source="(inf.) a profile belongs to its user; ROLE_ADMIN edits any",
    operations=("REST PUT /profiles/api/{login}",),
    kind="access",
    status=403,
)

# ------------------------------------------------------------------------------------------ common
NOT_FOUND = rule(
    "NOT_FOUND",
    "{kind} with id '{key}' not found",
    source=f'{P} Mutation.createJob/createApp/createVolume: "project: must exist"; moveJob: "jobId: must exist"; '
    'duplicatePipeline: "originalPipelineId: (required) must exist"; moveVolume: "volumeId: must exist"; the '
    "other mutations that name an entity (inf.); a query with a nullable result answers null instead",
    operations=(*ALL_MUTATIONS, *GATEWAY_MUTATIONS, "graphPipelineByAlias"),
    kind="not_found",
    audit=("X1", "X2", "PL2", "PL3", "GW7", "EV8"),
)
VERSION_NOT_FOUND = rule(
    "VERSION_NOT_FOUND",
    "Version {number} of {kind} '{name}' not found",
    source="(inf.) a version number names one version of its job, pipeline or app",
    operations=(
        "rollbackJobVersion",
        "setMajorJobVersion",
        "rollbackPipelineVersion",
        "setMajorPipelineVersion",
        "rollbackAppVersion",
        "setMajorAppVersion",
    ),
    kind="not_found",
    audit=("JB1", "PL1", "AP1"),
)
PLATFORM_NOT_FOUND = rule(
    "TARGET_PLATFORM_NOT_FOUND",
    "Platform with id '{key}' not found (this emulator is platform {platform_id})",
    source=f'{P} Mutation.moveJob, movePipeline, moveVolume: "targetPlatformId: must exist"',
    operations=("moveJob", "movePipeline", "moveVolume"),
    kind="not_found",
    audit=("JB15", "PL23", "AP19"),
)
MOVE_SAME_PROJECT = rule(
    "MOVE_TO_SAME_PROJECT",
    "The target project must not be the same as the source project",
    source=f'{P} Mutation.moveJob, movePipeline, moveVolume: "targetProjectId: must not be the same as the source '
    'project"; moveJobs: "target project: ... must not be the same as the source project"',
    operations=MOVES,
    audit=("JB4", "PL26", "AP16"),
)
MOVE_TARGET_NOT_READY = rule(
    "MOVE_TARGET_NOT_READY",
    "The target project '{project}' is {status}, not READY",
    source=f'{P} Mutation.moveJobs: "target project: must exist, ... must be ready"; moveJob, movePipeline, '
    'moveVolume: "targetPlatformId: must exist, must not be the same as the source project, must be ready"',
    operations=MOVES,
    audit=("D27",),
)
NAME_TOO_LONG = rule(
    "NAME_TOO_LONG",
    "The {kind} name must be shorter than 255 characters ({length} given)",
    source=f'{P} Mutation.createProject, editProject: "name: ... shorter than 255 characters"; createJob, createApp, '
    f'createVolume: "name: ... shorter than 255 characters"; {G} RepositoryInput.name: "shorter than **255** '
    'characters"',
    operations=(
        "createProject",
        "editProject",
        "createJob",
        "createApp",
        "createVolume",
        "addRepository",
        "editRepository",
    ),
    audit=("D8",),
)
INVALID_DATETIME = rule(
    "INVALID_DATE_TIME",
    "Invalid date-time '{value}'",
    source=f"{P} scalar DateTime",
    operations=("deleteJobInstancesByDate", "deletePipelineInstancesByDateSelector"),
    audit=("X6",),
)
INVALID_DATA_SIZE = rule(
    "INVALID_DATA_SIZE",
    "Invalid data size '{value}': expected a number, optionally with a unit (B, KB, MB, GB, TB)",
    source=f'{P} scalar DataSize: "size with unit. If no unit is specified, The default unit is Byte"',
    operations=("createVolume", "editVolume"),
    audit=("X7",),
)
INVALID_CRON = rule(
    "INVALID_CRON",
    "Invalid cron expression '{value}': {reason}",
    source=f'{G} scalar Cron: "A Cron expression with a valid cron format" (the same platform\'s Cron scalar)',
    operations=CRON_WRITES,
    audit=("D15",),
)
TIMEZONE_ALLOWED = allowed(
    "UNKNOWN_TIMEZONE_ALLOWED",
    "a scheduleTimezone that is not an IANA time zone name",
    why="unsure: allowed. The TimeZone scalar has no description and no rule names it; a JVM platform reads "
    "ids such as '+02:00' or 'UTC+2' that are not IANA names. The emulator stores the value as sent and "
    "its scheduler reads a fixed offset as that offset and any other unknown name as UTC",
    operations=CRON_WRITES,
)
SOURCE_URL_NOT_HTTP = rule(
    "SOURCE_URL_NOT_HTTP",
    "sourceUrl '{value}' is not an http or https URL",
    source=f'{P} Mutation.addPipelineVersion, addGraphPipelineVersion: "SourceUrl should be an http or https valid '
    'url."',
    operations=("addPipelineVersion", "addGraphPipelineVersion"),
    audit=("D16",),
)
JOB_SOURCE_URL_ALLOWED = allowed(
    "JOB_SOURCE_URL_ANY",
    "a job version's sourceUrl that is not an http or https URL",
    why='unsure: allowed. JobVersionInput.sourceUrl is only described ("Version reference url (http or https) '
    'pushed only by API"); unlike add(Graph)PipelineVersion, no job mutation says the URL is validated',
    operations=("createJob", "addJobVersion"),
    audit=("D16",),
)

# ------------------------------------------------------------------------------------------ projects
PROJECT_NAME_EMPTY = rule(
    "PROJECT_NAME_EMPTY",
    "The project name must not be empty",
    source=f'{P} Mutation.createProject, editProject: "name: ... cannot be empty" (editProject: "If a field is '
    'empty ("" or []) ... it will be set to empty", so "" is refused)',
    operations=("createProject", "editProject"),
    audit=("PR1", "PR2"),
)
PROJECT_NAME_TAKEN = rule(
    "PROJECT_NAME_TAKEN",
    "A project named '{name}' already exists",
    source=f'{P} Mutation.createProject, editProject: "name: must be unique (case insensitive) in the whole platform"',
    operations=("createProject", "editProject"),
    audit=("PR3",),
)
TECHNOLOGY_NOT_AVAILABLE = rule(
    "TECHNOLOGY_NOT_AVAILABLE",
    "Technology '{label}' is not available",
    source=f'{P} Mutation.createProject, editProject: "technology: must exist and be available"',
    operations=("createProject", "editProject"),
    audit=("PR5", "D9"),
)

# ------------------------------------------------------------------------------------------ jobs
JOB_NAME_EMPTY = rule(
    "JOB_NAME_EMPTY",
    "The job name must not be empty",
    source=f'{P} Mutation.createJob: "name: ... cannot be empty"',
    operations=("createJob",),
    audit=("JB2",),
)
JOB_NAME_TAKEN = rule(
    "JOB_NAME_TAKEN",
    "Job name '{name}' is already used in project '{project}'",
    source=f'{P} Mutation.createJob: "name: must be unique (case insensitive) in the project"; a job moved or '
    "renamed keeps that true (inf.)",
    operations=("createJob", "editJob", *JOB_MOVES, "movePipeline"),
    audit=("JB3", "PL27"),
)
JOB_ALIAS_INVALID = rule(
    "JOB_ALIAS_INVALID",
    "Job alias '{alias}' may contain only letters, digits and underscores",
    source=f'{P} JobInput.alias, JobEditionInput.alias: "Only alphanumeric and underscore characters are allowed."',
    operations=("createJob", "editJob"),
    audit=("D12",),
)
JOB_ALIAS_TAKEN = rule(
    "JOB_ALIAS_TAKEN",
    "Job alias '{alias}' is already used in project '{project}'",
    source=f"{P} Query.jobByAlias(projectId, alias): Job (inf.: one job per alias in a project); an alias derived "
    "from a name is not checked",
    operations=("createJob", "editJob", *JOB_MOVES, "movePipeline"),
    audit=("JB5", "D12"),
)
JOB_RUNTIME_REQUIRED = rule(
    "JOB_RUNTIME_REQUIRED",
    "A runtime version is required for technology '{label}'",
    source=f'{P} Mutation.createJob, addJobVersion: "version: must exist in the given technology" (inf.: a '
    "catalog job needs one of its technology's versions; docker images and Generic jobs bring their own)",
    operations=("createJob", "addJobVersion"),
    audit=("JB6",),
)
JOB_RUNTIME_UNKNOWN = rule(
    "JOB_RUNTIME_UNKNOWN",
    "Runtime '{runtime}' does not exist for technology '{label}' (known: {known})",
    source=f'{P} Mutation.createJob, addJobVersion: "version: must exist in the given technology"',
    operations=("createJob", "addJobVersion"),
    audit=("JB7",),
)
JOB_RUNTIME_UNAVAILABLE = rule(
    "JOB_RUNTIME_UNAVAILABLE",
    "Runtime '{runtime}' of technology '{label}' is not available",
    source=f'{P} Mutation.createJob, addJobVersion: "version: must exist in the given technology, be available"',
    operations=("createJob", "addJobVersion"),
    audit=("D10",),
)
JOB_RUNTIME_DEPRECATED = rule(
    "JOB_RUNTIME_DEPRECATED",
    "Runtime '{runtime}' of technology '{label}' is deprecated",
    source=f'{P} Mutation.createJob, addJobVersion: "version: ... be available and not deprecated" (a context whose '
    f"{G} trustLevel is Deprecated or whose deprecationDate has passed)",
    operations=("createJob", "addJobVersion"),
    audit=("D10",),
)
JOB_CATEGORY_NOT_IN_PROJECT = rule(
    "JOB_CATEGORY_NOT_IN_PROJECT",
    "Job category '{category}' is not enabled in project '{project}'",
    source=f'{P} Mutation.createJob: "category: must exist in the project"',
    operations=("createJob",),
    audit=("JB8",),
)
JOB_TECHNOLOGY_NOT_IN_PROJECT = rule(
    "JOB_TECHNOLOGY_NOT_IN_PROJECT",
    "Technology '{label}' is not enabled for category '{category}' in project '{project}'",
    source=f'{P} Mutation.createJob: "technology: must exist in the project"',
    operations=("createJob",),
    audit=("JB9",),
)
JOB_RESOURCES_NEGATIVE = rule(
    "JOB_RESOURCES_NEGATIVE",
    "resources.{field} must be greater than or equal to 0 ({value} given)",
    source=f'{P} Mutation.addJobVersion: "resources: must be greater than or equal to 0."',
    operations=("addJobVersion",),
    audit=("D13",),
)
JOB_HAS_UNFINISHED_INSTANCES = rule(
    "HAS_UNFINISHED_INSTANCES",
    "HAS_UNFINISHED_INSTANCES: job '{name}' has unfinished instances",
    source=f'{P} enum JobDeletableStateReason.HAS_UNFINISHED_INSTANCES; moveJob, moveJobs: "must be deletable"',
    operations=("deleteJob", "archiveJob", *JOB_MOVES),
    audit=("JB13", "JB16"),
)
JOB_LINKED_TO_PIPELINE = rule(
    "LINKED_TO_PIPELINE",
    "LINKED_TO_PIPELINE: job '{name}' is used by pipeline(s) {pipelines}",
    source=f'{P} enum JobDeletableStateReason.LINKED_TO_PIPELINE; moveJob, moveJobs: "must be deletable (not in '
    'pipeline)"; deleteJobVersions: "(in any pipeline version)"',
    operations=("deleteJob", "archiveJob", *JOB_MOVES),
    audit=("JB14", "JB16"),
)
JOB_MOVE_SCHEDULED = rule(
    "JOB_SCHEDULED",
    "Job '{name}' is scheduled and cannot be moved",
    source=f'{P} Mutation.moveJob, moveJobs: "must not be in migration state, streaming or scheduled"',
    operations=JOB_MOVES,
    audit=("D22", "D23"),
)
JOB_MOVE_STREAMING = rule(
    "JOB_STREAMING",
    "Job '{name}' is a streaming job and cannot be moved",
    source=f'{P} Mutation.moveJob, moveJobs: "must not be in migration state, streaming or scheduled"',
    operations=JOB_MOVES,
    audit=("D22", "D23"),
)
JOB_MOVE_TECHNOLOGY = rule(
    "JOB_TECHNOLOGY_NOT_IN_TARGET",
    "Project '{project}' has no technology '{label}' in category '{category}'",
    source=f'{P} Mutation.moveJob: "targetProjectId: ... have the appropriate technology in the same category or '
    'target category if it is given"; moveJobs: "category: must exist in the target project and have the '
    'appropriate job technologies"',
    operations=JOB_MOVES,
    audit=("D22", "D23"),
)
JOBS_MOVE_MIXED = rule(
    "JOBS_NOT_ALIKE",
    "The moved jobs must rely on the same technology and belong to the same project",
    source=f'{P} Mutation.moveJobs: "jobs: must exist, must rely on the same technology and belong to the same '
    'project"',
    operations=("moveJobs",),
    audit=("D23",),
)
JOB_VERSION_CURRENT = rule(
    "CURRENT_VERSION",
    "CURRENT_VERSION: the current version cannot be deleted",
    source=f"{P} enum JobVersionDeletableStateReason.CURRENT_VERSION, PipelineVersionDeletableStateReason."
    "CURRENT_VERSION",
    operations=("deleteJobVersions", "deletePipelineVersions"),
    audit=("JB12", "PL16"),
    per_item=True,
)
VERSION_HAS_UNFINISHED_INSTANCES = rule(
    "VERSION_HAS_UNFINISHED_INSTANCES",
    "VERSION_HAS_UNFINISHED_INSTANCES: the version has unfinished instances",
    source=f"{P} enum JobVersionDeletableStateReason.VERSION_HAS_UNFINISHED_INSTANCES, "
    'PipelineVersionDeletableStateReason.VERSION_HAS_UNFINISHED_INSTANCES; deletePipelineVersions: "only a '
    'pipeline version with terminated instances"',
    operations=("deleteJobVersions", "deletePipelineVersions"),
    audit=("D20", "D21"),
    per_item=True,
)
VERSION_LINKED_TO_PIPELINE_INSTANCE = rule(
    "VERSION_LINKED_TO_PIPELINE_INSTANCE",
    "VERSION_LINKED_TO_PIPELINE_INSTANCE: the job version ran in a pipeline instance",
    source=f"{P} enum JobVersionDeletableStateReason.VERSION_LINKED_TO_PIPELINE_INSTANCE; deleteJobVersions: "
    '"only a job version if is not associated to a pipeline"',
    operations=("deleteJobVersions",),
    audit=("D20",),
    per_item=True,
)
INSTANCE_NOT_TERMINATED = rule(
    "INSTANCE_NOT_TERMINATED",
    "INSTANCE_NOT_TERMINATED: the instance is not terminated",
    source=f'{P} Mutation.deleteJobInstances, deletePipelineInstances: "only a ... instance if is terminated"; enum '
    "JobInstanceDeletableStateReason.INSTANCE_NOT_TERMINATED, PipelineInstanceDeletableStateReason."
    "INSTANCE_NOT_TERMINATED",
    operations=(
        "deleteJobInstances",
        "deleteJobInstancesBySelector",
        "deleteJobInstancesByDate",
        "deletePipelineInstances",
        "deletePipelineInstancesByStatusSelector",
        "deletePipelineInstancesByDateSelector",
    ),
    audit=("JB18", "JB21", "PL17", "PL20"),
    per_item=True,
)
INSTANCE_LINKED_TO_PIPELINE = rule(
    "INSTANCE_LINKED_TO_PIPELINE",
    "INSTANCE_LINKED_TO_PIPELINE: the job instance belongs to a pipeline instance",
    source=f'{P} Mutation.deleteJobInstances*: "only job instances not associated to a pipeline instance" (included '
    "ids too); enum JobInstanceDeletableStateReason.INSTANCE_LINKED_TO_PIPELINE",
    operations=("deleteJobInstances", "deleteJobInstancesBySelector", "deleteJobInstancesByDate"),
    audit=("JB18", "JB19", "JB20", "JB21"),
    per_item=True,
)
INSTANCE_DOES_NOT_MATCH = rule(
    "INSTANCE_DOES_NOT_MATCH",
    "INSTANCE_DOES_NOT_MATCH_JOB / _PIPELINE: the instance is not a child of the given job or pipeline",
    source=f'{P} Mutation.delete...Instances: "You can remove only ... instances that are children of jobId / '
    'pipelineId"; enum JobInstanceDeletableStateReason.INSTANCE_DOES_NOT_MATCH_JOB, '
    "PipelineInstanceDeletableStateReason.INSTANCE_DOES_NOT_MATCH_PIPELINE",
    operations=(
        "deleteJobInstances",
        "deleteJobInstancesBySelector",
        "deleteJobInstancesByDate",
        "deletePipelineInstances",
        "deletePipelineInstancesByStatusSelector",
        "deletePipelineInstancesByDateSelector",
    ),
    audit=("JB18", "PL17", "PL18", "D28"),
    per_item=True,
)
JOB_INSTANCES_NOT_TERMINATED = rule(
    "JOB_INSTANCES_NOT_TERMINATED",
    "JOB_INSTANCES_NOT_TERMINATED: a job instance of the pipeline instance is not terminated",
    source=f"{P} enum PipelineInstanceDeletableStateReason.JOB_INSTANCES_NOT_TERMINATED",
    operations=(
        "deletePipelineInstances",
        "deletePipelineInstancesByStatusSelector",
        "deletePipelineInstancesByDateSelector",
    ),
    audit=("D28",),
    per_item=True,
)

# ------------------------------------------------------------------------------------------ pipelines
PIPELINE_JOB_OTHER_PROJECT = rule(
    "PIPELINE_JOB_IN_ANOTHER_PROJECT",
    "Job '{name}' does not belong to project '{project}'",
    source=f'{P} Mutation.movePipeline: "Move pipeline with its jobs from a project to another" (inf.: a pipeline\'s '
    "jobs are in its project)",
    operations=GRAPH_WRITES,
    audit=("PL4",),
)
PIPELINE_GRAPH_CYCLE = rule(
    "PIPELINE_GRAPH_CYCLE",
    "The pipeline graph contains a cycle",
    source=f'{P} Mutation.createGraphPipeline, addGraphPipelineVersion: "based on DAG model (Directed Acyclic Graph)"',
    operations=GRAPH_WRITES,
    audit=("PL9",),
)
PIPELINE_NAME_TAKEN = rule(
    "PIPELINE_NAME_TAKEN",
    "Pipeline name '{name}' is already used in project '{project}'",
    source=f"{P} Query.graphPipelineByName(projectId, name): Pipeline (inf.: one pipeline per name in a project)",
    operations=(*PIPELINE_CREATES, "editPipeline", "movePipeline"),
    audit=("PL11",),
)
PIPELINE_ALIAS_TAKEN = rule(
    "PIPELINE_ALIAS_TAKEN",
    "Pipeline alias '{alias}' is already used in project '{project}'",
    source=f"{P} Query.graphPipelineByAlias(projectId, alias): Pipeline! (inf.: one pipeline per alias)",
    operations=(*PIPELINE_CREATES, "editPipeline", "movePipeline"),
    audit=("PL12",),
)
PIPELINE_HAS_UNFINISHED_INSTANCES = rule(
    "PIPELINE_HAS_UNFINISHED_INSTANCES",
    "PIPELINE_HAS_UNFINISHED_INSTANCES: pipeline '{name}' has unfinished instances",
    source=f"{P} enum PipelineMovableStateErrorReason.PIPELINE_HAS_UNFINISHED_INSTANCES",
    operations=("movePipeline",),
    audit=("PL24",),
)
PIPELINE_SCHEDULED = rule(
    "PIPELINE_SCHEDULED",
    "PIPELINE_SCHEDULED: pipeline '{name}' is scheduled",
    source=f"{P} enum PipelineMovableStateErrorReason.PIPELINE_SCHEDULED",
    operations=("movePipeline",),
    audit=("D24",),
)
PIPELINE_JOB_UNFINISHED = rule(
    "JOB_HAS_UNFINISHED_INSTANCES",
    "JOB_HAS_UNFINISHED_INSTANCES: job '{name}' of the pipeline has unfinished instances",
    source=f"{P} enum PipelineMovableStateErrorReason.JOB_HAS_UNFINISHED_INSTANCES",
    operations=("movePipeline",),
    audit=("D24",),
)
PIPELINE_JOB_SCHEDULED = rule(
    "JOB_SCHEDULED_IN_PIPELINE",
    "JOB_SCHEDULED: job '{name}' of the pipeline is scheduled",
    source=f"{P} enum PipelineMovableStateErrorReason.JOB_SCHEDULED",
    operations=("movePipeline",),
    audit=("D24",),
)
PIPELINE_JOBS_SHARED = rule(
    "JOBS_EXISTS_IN_MANY_PIPELINES",
    "JOBS_EXISTS_IN_MANY_PIPELINES: job '{name}' is also used by pipeline '{other}'",
    source=f'{P} Mutation.movePipeline: "You can only move pipeline if all its jobs (and all versions) is only in '
    'this pipeline and not other."; enum PipelineMovableStateErrorReason.JOBS_EXISTS_IN_MANY_PIPELINES',
    operations=("movePipeline",),
    audit=("PL25",),
)
PIPELINE_MOVE_TECHNOLOGY = rule(
    "PIPELINE_JOB_TECHNOLOGY_NOT_IN_TARGET",
    "Project '{project}' has no technology '{label}' in category '{category}' (job '{name}')",
    source=f'{P} Mutation.movePipeline: "All job\'s technologies must exist in the target project."',
    operations=("movePipeline",),
    audit=("D24",),
)

# ------------------------------------------------------------------------------------------ apps and volumes
APP_NAME_EMPTY = rule(
    "APP_NAME_EMPTY",
    "The app name must not be empty",
    source=f'{P} Mutation.createApp: "name: ... cannot be empty"',
    operations=("createApp",),
    audit=("AP7",),
)
APP_NAME_TAKEN = rule(
    "APP_NAME_TAKEN",
    "App name '{name}' is already used in project '{project}'",
    source=f'{P} Mutation.createApp: "name: must be unique (case insensitive) in the project"; a renamed app keeps '
    "that true (inf.)",
    operations=("createApp", "editApp"),
    audit=("AP8",),
)
APP_PORT_NUMBER = rule(
    "APP_PORT_NUMBER",
    "Every exposed port needs a number",
    source=f"{P} PortInput.number: Int!",
    operations=("createApp", "addAppVersion"),
    audit=("AP2",),
)
APP_VOLUME_OTHER_PROJECT = rule(
    "APP_VOLUME_IN_ANOTHER_PROJECT",
    "Volume '{name}' does not belong to project '{project}'",
    source=f'{P} Volume.projectId and Mutation.moveVolume "Move volume from a project to another" (inf.: a volume '
    "is mounted by the apps of its project)",
    operations=("createApp", "addAppVersion", "rollbackAppVersion"),
    audit=("AP3",),
)
APP_VOLUME_LINKED = rule(
    "APP_VOLUME_ALREADY_LINKED",
    "Volume '{name}' is already linked to another app",
    source=f"{P} Volume.linkedApp: App (inf.: a single app)",
    operations=("createApp", "addAppVersion", "rollbackAppVersion"),
    audit=("AP4",),
)
APP_RUNTIME_CONTEXT_UNKNOWN = rule(
    "APP_RUNTIME_CONTEXT_UNKNOWN",
    "Runtime context '{context}' does not exist for technology '{label}'",
    source=f'{P} Mutation.createApp, addAppVersion: "the runtimeContextId field if it is an app from Saagie catalog" '
    "(inf.: a context of that technology)",
    operations=("createApp", "addAppVersion"),
    audit=("AP5",),
)
APP_CUSTOM_NEEDS_DOCKER = rule(
    "APP_CUSTOM_NEEDS_DOCKER_INFO",
    "Technology '{label}' is a custom app: its versions need dockerInfo",
    source=f'{P} Mutation.createApp, addAppVersion: "version: set the dockerInfo field if it is a custom app"',
    operations=("createApp", "addAppVersion"),
    audit=("AP6", "D18"),
)
APP_CATALOG_NEEDS_CONTEXT = rule(
    "APP_CATALOG_NEEDS_RUNTIME_CONTEXT",
    "Technology '{label}' is an app from the catalog: its versions need runtimeContextId",
    source=f'{P} Mutation.createApp, addAppVersion: "... or the runtimeContextId field if it is an app from Saagie '
    'catalog"',
    operations=("createApp", "addAppVersion"),
    audit=("AP6", "D18"),
)
APP_CONTEXT_UNKNOWN = rule(
    "APP_CONTEXT_UNKNOWN",
    "Context '{context}' does not exist for app technology '{label}'",
    source=f"{P} Mutation.installApp(projectId, technologyId, contextId) (inf.: a context of that app technology)",
    operations=("installApp",),
    audit=("AP11",),
)
VOLUME_NAME_EMPTY = rule(
    "VOLUME_NAME_EMPTY",
    "The volume name must not be empty",
    source=f'{P} Mutation.createVolume: "name: ... cannot be empty"',
    operations=("createVolume",),
    audit=("AP14",),
)
VOLUME_NAME_TAKEN = rule(
    "VOLUME_NAME_TAKEN",
    "Volume name '{name}' is already used in project '{project}'",
    source=f'{P} Mutation.createVolume: "name: must be unique (case insensitive) in the project"; renamed, moved '
    "and automatic volumes keep that true (inf.)",
    operations=("createVolume", "editVolume", "moveVolume", "installApp"),
    audit=("AP15",),
)
VOLUME_SIZE_BOUNDS = rule(
    "VOLUME_SIZE_OUT_OF_BOUNDS",
    "Volume size {size} is outside the bounds set by the administrator ({minimum} to {maximum})",
    source=f'{P} Mutation.createVolume: "size: ... must be between the step (eq. minimum) and the maximum value set '
    'by your administrator" (the bounds are emulator settings, Controls.volume_size_bounds; by default any '
    "positive size)",
    operations=("createVolume", "editVolume"),
    audit=("D14",),
)

# ------------------------------------------------------------------------------------------ variables
ENV_ENTITY_NOT_FOUND = rule(
    "ENV_ENTITY_NOT_FOUND",
    "{reason}: {kind} with id '{key}' not found",
    source=f"{P} enum EnvironmentVariableValidationErrorType.PROJECT_IS_NOT_FOUND, APP_IS_NOT_FOUND, JOB_IS_NOT_FOUND",
    operations=ENV_WRITES,
    kind="not_found",
    audit=("EV1",),
)
ENV_NAME_IS_EMPTY = rule(
    "NAME_IS_EMPTY",
    "NAME_IS_EMPTY: the variable name must not be empty",
    source=f"{P} enum EnvironmentVariableValidationErrorType.NAME_IS_EMPTY",
    operations=ENV_WRITES,
    audit=("EV2",),
)
ENV_NAME_NOT_LETTER = rule(
    "NAME_DOESNT_START_WITH_LETTER",
    "NAME_DOESNT_START_WITH_LETTER: '{name}' must start with a letter",
    source=f"{P} enum EnvironmentVariableValidationErrorType.NAME_DOESNT_START_WITH_LETTER",
    operations=ENV_WRITES,
    audit=("EV3",),
)
ENV_NAME_INVALID = rule(
    "NAME_CONTAINS_INVALID_CHARACTERS",
    "NAME_CONTAINS_INVALID_CHARACTERS: '{name}' may contain letters, digits and _ only",
    source=f"{P} enum EnvironmentVariableValidationErrorType.NAME_CONTAINS_INVALID_CHARACTERS (the character set is "
    "an assumption: letters, digits, underscore)",
    operations=ENV_WRITES,
    audit=("EV4",),
)
ENV_NAME_TOO_LONG = rule(
    "TOO_LONG_NAME",
    "TOO_LONG_NAME: the variable name is longer than 255 characters",
    source=f"{P} enum EnvironmentVariableValidationErrorType.TOO_LONG_NAME (255 as for every other name)",
    operations=ENV_WRITES,
    audit=("EV5",),
)
ENV_GLOBAL_WITH_ENTITY = rule(
    "UNEXPECTED_LINKED_ENTITY_ON_GLOBAL_SCOPE",
    "UNEXPECTED_LINKED_ENTITY_ON_GLOBAL_SCOPE: a global variable has no entity",
    source=f"{P} enum EnvironmentVariableValidationErrorType.UNEXPECTED_LINKED_ENTITY_ON_GLOBAL_SCOPE",
    operations=ENV_WRITES,
    audit=("EV6",),
)
ENV_ENTITY_MISSING = rule(
    "UNEXPECTED_LINKED_ENTITY_ID_IS_NULL",
    "UNEXPECTED_LINKED_ENTITY_ID_IS_NULL: scope {scope} needs an entity id",
    source=f"{P} enum EnvironmentVariableValidationErrorType.UNEXPECTED_LINKED_ENTITY_ID_IS_NULL; Mutation."
    'saveEnvironmentVariable: "Entity ID is required for project-specific environment variables."',
    operations=ENV_WRITES,
    audit=("EV7",),
)
ENV_NAME_TAKEN = rule(
    "NAME_ALREADY_USED",
    "NAME_ALREADY_USED: '{name}' is already used in this scope",
    source=f"{P} enum EnvironmentVariableValidationErrorType.NAME_ALREADY_USED",
    operations=ENV_WRITES,
    audit=("EV9",),
)
ENV_NULL_VALUE = rule(
    "NULL_VALUE_UNEXPECTED",
    "NULL_VALUE_UNEXPECTED: a variable that is not a password needs a value",
    source=f"{P} enum EnvironmentVariableValidationErrorType.NULL_VALUE_UNEXPECTED",
    operations=("saveEnvironmentVariable",),
    audit=("EV10",),
)
ENV_RAW_LINE = rule(
    "RAW_LINE_INVALID",
    "Invalid line '{line}': expected env_var_name=value",
    source=f'{P} Mutation.replaceEnvironmentVariablesByRawForScope: "`rawEnvironmentVariables` must have the format of '
    '"env_var_name=value" for one variable and each variable must be separate with \'\\n\'" (empty lines are '
    "skipped)",
    operations=("replaceEnvironmentVariablesByRawForScope",),
    audit=("EV11",),
)
DOCKER_CREDENTIALS_OTHER_PROJECT = rule(
    "DOCKER_CREDENTIALS_IN_ANOTHER_PROJECT",
    "Docker credentials '{key}' do not belong to project '{project}'",
    source=f'{P} Query.dockerCredentials: "by providing their UUID and the project they belong to" (inf.)',
    operations=("updateDockerCredentials", "deleteDockerCredentials"),
    kind="not_found",
    audit=("EV12",),
)
DOCKER_CREDENTIALS_TAKEN = rule(
    "DOCKER_CREDENTIALS_TAKEN",
    "Docker credentials for '{username}' on '{registry}' already exist in this project",
    source=f'{P} Mutation.createDockerCredentials: "The couple registry/username must be unique within the project."',
    operations=("createDockerCredentials", "updateDockerCredentials"),
    audit=("EV13",),
)

# ------------------------------------------------------------------------------------------ gateway
REPOSITORY_SOURCE_MISSING = rule(
    "REPOSITORY_SOURCE_MISSING",
    "A repository needs either a zip file or a URL",
    source=f'{G} Repository.source: "URL or file of the repository" (inf.)',
    operations=("addRepository",),
    audit=("GW1",),
)
REPOSITORY_NAME_TAKEN = rule(
    "REPOSITORY_NAME_TAKEN",
    "A repository named '{name}' already exists",
    source=f'{G} RepositoryInput.name: "Must be **unique**" (compared exactly: the schema does not say case '
    "insensitive)",
    operations=("addRepository", "editRepository"),
    audit=("GW2",),
)
REPOSITORY_READ_ONLY = rule(
    "REPOSITORY_READ_ONLY",
    "Repository '{name}' is read-only",
    source=f"{G} Repository.readOnly: Boolean! (inf.: a read-only repository cannot be edited or removed)",
    operations=("editRepository", "removeRepository"),
    audit=("GW4",),
)
READ_ONLY_SYNCHRONIZATION_ALLOWED = allowed(
    "READ_ONLY_REPOSITORY_SYNCHRONIZATION",
    "synchronizing a read-only repository",
    why="unsure: allowed. Repository.readOnly has no description; a synchronization reads the repository's own "
    "source again rather than changing the repository, and the platform's read-only catalog is kept up to "
    "date by synchronizations. The emulator reads the source (an https URL cannot be reached: a failed report)",
    operations=("synchronizeRepository",),
    audit=("GW4",),
)
REPOSITORY_NOT_REVERSIBLE = rule(
    "SYNCHRONIZATION_NOT_REVERSIBLE",
    "Synchronization '{key}' is not the last reversible synchronization of repository '{name}'",
    source=f'{G} Mutation.revertLastSynchronization: "Revert the last synchronization"; '
    "SynchronizationReports.lastReversibleId",
    operations=("revertLastSynchronization",),
    kind="not_found",
    audit=("GW6",),
)

# ------------------------------------------------------------------------------------------ REST
USER_FIELDS_REQUIRED = rule(
    "USER_LOGIN_AND_PASSWORD_REQUIRED",
    "login and password are required",
    source="(inf.) a user is created with a login and a password (2.x users.create sends both)",
    operations=("REST POST /auth/api/users",),
    kind="rest",
    status=400,
    audit=("RS2",),
)
USER_EXISTS = rule(
    "USER_EXISTS",
    "User {login} already exists",
    source="(inf.) a login names one user (GET /auth/api/users/{login})",
    operations=("REST POST /auth/api/users",),
    kind="rest",
    status=409,
    audit=("RS3",),
)
USER_UNKNOWN_GROUPS = rule(
    "USER_UNKNOWN_GROUPS",
    "Unknown groups: {groups}",
    source="(inf.) a user joins existing groups (GET /auth/api/groups/{name} lists their users)",
    operations=("REST POST /auth/api/users",),
    kind="rest",
    status=400,
    audit=("RS4",),
)
USER_NOT_FOUND = rule(
    "USER_NOT_FOUND",
    "User not found",
    source="observed: 2.x users.import_from_json treats a 404 on GET /auth/api/users/{login} as an absent user "
    "(rest.md)",
    operations=("REST GET /auth/api/users/{login}", "REST DELETE /auth/api/users/{login}"),
    kind="rest",
    status=404,
    audit=("RS1", "RS5"),
)
USER_PROTECTED = rule(
    "USER_PROTECTED",
    "User {login} is protected",
    source="(inf.) the user's `protected` flag (GET /auth/api/users); 2.x skips protected users on import",
    operations=("REST DELETE /auth/api/users/{login}",),
    kind="rest",
    status=403,
    audit=("RS6",),
)
PASSWORD_WRONG = rule(
    "PASSWORD_CHANGE_REFUSED",
    "Wrong login or password",
    source="(inf.) the open password-change endpoint takes the old password to check it",
    operations=("REST PUT /authentication/api/open/password/change",),
    kind="rest",
    status=400,
    audit=("RS7",),
)
PASSWORD_NEW_MISSING = rule(
    "PASSWORD_NEW_REQUIRED",
    "newPassword is required",
    source="(inf.) the password-change body is {login, oldPassword, newPassword} (2.x users.edit_password)",
    operations=("REST PUT /authentication/api/open/password/change",),
    kind="rest",
    status=400,
    audit=("RS8",),
)
GROUP_NOT_FOUND_500 = rule(
    "GROUP_NOT_FOUND_500",
    "Group not found",
    source="observed: GET /auth/api/groups/{name} of an unknown group answers 500, which 2.x groups.import_from_json "
    "relies on (rest.md §13.3 C)",
    operations=("REST GET /auth/api/groups/{name}",),
    kind="rest",
    status=500,
    audit=("RS9",),
)
GROUP_NAME_REQUIRED = rule(
    "GROUP_NAME_REQUIRED",
    "name is required",
    source="(inf.) a group is created with a name (2.x groups.create sends {name, users})",
    operations=("REST POST /auth/api/groups",),
    kind="rest",
    status=400,
    audit=("RS10",),
)
GROUP_EXISTS = rule(
    "GROUP_EXISTS",
    "Group {name} already exists",
    source="(inf.) a name names one group",
    operations=("REST POST /auth/api/groups",),
    kind="rest",
    status=409,
    audit=("RS11",),
)
GROUP_UNKNOWN_USERS = rule(
    "GROUP_UNKNOWN_USERS",
    "Unknown users: {users}",
    source="(inf.) a group holds existing users",
    operations=("REST POST /auth/api/groups",),
    kind="rest",
    status=400,
    audit=("RS12",),
)
GROUP_NOT_FOUND = rule(
    "GROUP_NOT_FOUND",
    "Group not found",
    source="(inf.) the group named in the path does not exist",
    operations=(
        "REST DELETE /auth/api/groups/{name}",
        "REST GET /security/api/groups/{name}",
        "REST PUT /security/api/groups/{name}",
    ),
    kind="rest",
    status=404,
    audit=("RS13", "RS15"),
)
GROUP_PROTECTED = rule(
    "GROUP_PROTECTED",
    "Group {name} is protected",
    source="(inf.) the group's `protected` flag (GET /auth/api/groups); 2.x skips protected groups on import",
    operations=("REST DELETE /auth/api/groups/{name}",),
    kind="rest",
    status=403,
    audit=("RS14",),
)
PROFILE_NOT_FOUND = rule(
    "PROFILE_NOT_FOUND",
    "Profile not found",
    source="(inf.) the profile named in the path does not exist",
    operations=("REST GET /profiles/api/{login}", "REST PUT /profiles/api/{login}"),
    kind="rest",
    status=404,
    audit=("RS16",),
)
LOGS_UNKNOWN_PLATFORM = rule(
    "LOGS_UNKNOWN_REALM_OR_PLATFORM",
    "Unknown realm or platform",
    source="(inf.) the log proxy path names the realm and the platform",
    operations=("REST GET /log-proxy/.../app_execution/{id}", "REST GET /log-proxy/.../condition_instance/{id}"),
    kind="rest",
    status=404,
    audit=("RS17",),
)
LOGS_NOT_FOUND = rule(
    "LOGS_NOT_FOUND",
    "{kind} not found in project {project}",
    source="(inf.) the log proxy path names the project of the app execution or condition instance",
    operations=("REST GET /log-proxy/.../app_execution/{id}", "REST GET /log-proxy/.../condition_instance/{id}"),
    kind="rest",
    status=404,
    audit=("RS18", "RS19"),
)
ARTIFACT_NOT_FOUND = rule(
    "ARTIFACT_NOT_FOUND",
    "{what} not found",
    source="(inf.) the artifact path is JobVersion.packageInfo.downloadUrl: platform, project, job, version number "
    "and file name must all match",
    operations=("REST GET /projects/api/platform/{pid}/project/{p}/job/{j}/version/{n}/artifact/{name}",),
    kind="rest",
    status=404,
    audit=("RS20", "RS21"),
)
