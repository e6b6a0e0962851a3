"""Refusals no source supports are not made ("unsure: allowed"): the calls succeed and do what they say.

Each case matches an ``allowed(...)`` note of the rule book, shown in COVERAGE.md's rule table.
"""

from __future__ import annotations

from datetime import datetime, timezone

from saagie_emulator.coverage import rules_markdown
from saagie_emulator.rules import ALLOWED, RULES, book

from .conftest import Client


def test_every_note_is_in_the_rule_table_and_no_rule_refuses_it() -> None:
    table = "\n".join(rules_markdown())
    assert len(ALLOWED) >= 3
    for note in ALLOWED.values():
        assert f"| `{note.code}` | unsure: allowed |" in table
        assert note.why.startswith("unsure: allowed"), note.code
    assert "INVALID_TIMEZONE" not in RULES
    assert "synchronizeRepository" not in book.REPOSITORY_READ_ONLY.operations
    assert not {"createJob", "addJobVersion"} & set(book.SOURCE_URL_NOT_HTTP.operations)


def test_a_job_version_source_url_is_not_checked(client: Client) -> None:
    project = client.project("source urls")
    job = client.job(project, "with a url")
    version = client.gql(
        'mutation($j: UUID!) { addJobVersion(jobId: $j, jobVersion: {runtimeVersion: "3.11", '
        'sourceUrl: "git@github.com:acme/etl.git"}) { number sourceUrl } }',
        {"j": job},
    )["addJobVersion"]
    assert version == {"number": 2, "sourceUrl": "git@github.com:acme/etl.git"}
    # The pipeline mutations keep their documented rule ("SourceUrl should be an http or https valid url.").
    pipeline = client.gql(
        'mutation($p: UUID!, $j: [UUID!]!) { createPipeline(pipeline: {name: "p", alias: "p", projectId: $p, jobsId: $j, isScheduled: false}) { id } }',
        {"p": project, "j": [job]},
    )["createPipeline"]["id"]
    errors = client.errors(
        'mutation($id: UUID!, $j: [UUID!]!) { addPipelineVersion(pipelineId: $id, jobsId: $j, sourceUrl: "ftp://x") '
        "{ number } }",
        {"id": pipeline, "j": [job]},
    )
    assert "http or https" in errors[0]["message"]


def test_any_time_zone_is_accepted_and_an_offset_is_honoured(client: Client) -> None:
    clock = client.platform.clock
    clock.freeze()
    project = client.project("time zones")
    created = {}
    for name, zone in (("offset", "+02:00"), ("unknown", "Mars/Olympus_Mons")):
        created[name] = client.gql(
            """mutation($p: UUID!, $t: UUID!, $n: String!, $z: TimeZone) {
                 createJob(job: {projectId: $p, name: $n, category: "Processing", technology: {id: $t},
                   isScheduled: true, cronScheduling: "0 3 * * *", scheduleTimezone: $z, isStreaming: false},
                   jobVersion: {runtimeVersion: "3.11"}) { id scheduleTimezone } }""",
            {"p": project, "t": client.technology("Python"), "n": name, "z": zone},
        )["createJob"]
        assert created[name]["scheduleTimezone"] == zone  # stored as sent
    clock.advance(hours=25)
    hours = {}
    for name, job in created.items():
        instances = client.gql("query($j: UUID!) { job(id: $j) { instances { startTime } } }", {"j": job["id"]})
        starts = [i["startTime"] for i in instances["job"]["instances"]]
        assert len(starts) == 1, (name, starts)
        hours[name] = datetime.fromisoformat(starts[0].replace("Z", "+00:00")).astimezone(timezone.utc).hour
    assert hours == {"offset": 1, "unknown": 3}  # 03:00 at +02:00 is 01:00 UTC; an unknown zone reads as UTC


def test_a_read_only_repository_can_be_synchronized_but_not_edited(client: Client) -> None:
    repositories = client.gql("{ repositories { id name readOnly } }", gateway=True)["repositories"]
    saagie = next(r for r in repositories if r["name"] == "Saagie")
    assert saagie["readOnly"] is True
    before = client.gql(
        "query($r: UUID!) { repository(id: $r) { technologies { id } } }", {"r": saagie["id"]}, gateway=True
    )["repository"]["technologies"]
    report = client.gql(
        "mutation($r: UUID!) { synchronizeRepository(id: $r) { report { __typename } } }",
        {"r": saagie["id"]},
        gateway=True,
    )["synchronizeRepository"]["report"]
    # Its source is an https URL, which the emulator cannot reach: a failed report, and nothing is lost.
    assert report["__typename"] == "FailedSynchronization"
    after = client.gql(
        "query($r: UUID!) { repository(id: $r) { technologies { id } } }", {"r": saagie["id"]}, gateway=True
    )["repository"]["technologies"]
    assert after == before and after
    errors = client.raw(
        'mutation($r: UUID!) { editRepository(repositoryInput: {id: $r, name: "mine", triggerSynchronization: false})'
        " { count } }",
        {"r": saagie["id"]},
        gateway=True,
    ).json()["errors"]
    assert "read-only" in errors[0]["message"]
