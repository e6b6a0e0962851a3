"""Throughput of the emulator: 500 sequential ``job(id:)`` queries with plain httpx (one connection).

Run: ``python benchmarks/emulator_throughput.py`` — prints requests per second.
"""

from __future__ import annotations

import time

import httpx

from saagie_emulator import running

JOB_QUERY = """query jobInfoQuery($jobId: UUID!) {
  job(id: $jobId) {
    id name alias description category isScheduled cronScheduling scheduleTimezone creationDate
    countJobInstance technology { id }
    alerting { emails statusList loginEmails { login email } }
    versions(limit: 3) { number creationDate releaseNote runtimeVersion commandLine isCurrent
      packageInfo { name downloadUrl } }
    instances(limit: 2) { id status startTime endTime }
  }
}"""
REQUESTS = 500


def main() -> float:
    with running(speed=1000.0) as platform, httpx.Client(base_url=platform.url, timeout=10) as client:
        token = client.post(
            "/authentication/api/open/authenticate",
            json={"login": platform.user, "password": platform.password},
            headers={"Saagie-Realm": platform.realm},
        ).text
        headers = {"authorization": f"Bearer {token}"}
        graphql = f"/projects/api/platform/{platform.platform_id}/graphql"
        gateway = client.post(
            "/gateway/api/graphql", headers=headers, json={"query": "{ repositories { technologies { id label } } }"}
        ).json()
        python_id = next(t["id"] for t in gateway["data"]["repositories"][0]["technologies"] if t["label"] == "Python")
        project_id = client.post(
            graphql,
            headers=headers,
            json={
                "query": 'mutation($t: [TechnologyInput!]) { createProject(project: {name: "bench", '
                'technologiesByCategory: [{jobCategory: "Processing", technologies: $t}]}) { id } }',
                "variables": {"t": [{"id": python_id}]},
            },
        ).json()["data"]["createProject"]["id"]
        job_id = client.post(
            graphql,
            headers=headers,
            json={
                "query": 'mutation($p: UUID!, $t: UUID!) { createJob(job: {projectId: $p, name: "bench job", '
                'category: "Processing", technology: {id: $t}, isScheduled: false, isStreaming: false}, '
                'jobVersion: {runtimeVersion: "3.11", commandLine: "python x.py"}) { id } }',
                "variables": {"p": project_id, "t": python_id},
            },
        ).json()["data"]["createJob"]["id"]
        body = {"query": JOB_QUERY, "variables": {"jobId": job_id}}
        for _ in range(20):  # warm-up
            client.post(graphql, headers=headers, json=body)
        start = time.perf_counter()
        for _ in range(REQUESTS):
            response = client.post(graphql, headers=headers, json=body)
            assert response.status_code == 200 and "errors" not in response.json()
        elapsed = time.perf_counter() - start
    rate = REQUESTS / elapsed
    print(f"emulator: {REQUESTS} sequential job(id:) queries in {elapsed:.2f} s = {rate:.0f} requests/s")
    return rate


if __name__ == "__main__":
    main()
