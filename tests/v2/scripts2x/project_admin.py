"""A 2.x admin script: rights, variables, errors handled the 2.x way."""

import os

from connect import connect
from saagieapi.utils.folder_functions import create_folder, write_to_json_file

saagie = connect()
group = os.environ["SAAGIE_GROUP"]

try:
    saagie.projects.create("no role", group=group)
    raise SystemExit("a group without a role was accepted")
except RuntimeError as error:
    print("refused as in 2.x:", error)

project_id = saagie.projects.create("admin", group=group, role="Viewer")["createProject"]["id"]
rights = saagie.projects.get_rights(project_id)["rights"]
assert rights[0]["role"] == "ROLE_PROJECT_VIEWER", rights

saagie.env_vars.create("PROJECT", "DB_HOST", value="db", project_id=project_id)
names = [variable["name"] for variable in saagie.env_vars.list("PROJECT", project_id=project_id)]
assert "DB_HOST" in names
try:
    saagie.env_vars.delete("PROJECT", "NOT_THERE", project_id=project_id)
    raise SystemExit("deleting a missing variable did not fail")
except ValueError as error:
    print("missing variable:", error)

try:
    saagie.jobs.get_id("missing job", "admin")
    raise SystemExit("a missing job was found")
except NameError as error:
    print("missing job:", error)

folder = os.path.join(os.environ.get("TMPDIR", "/tmp"), "admin-export")
create_folder(folder)
write_to_json_file(os.path.join(folder, "rights.json"), rights)
assert saagie.projects.delete(project_id)["deleteProject"]
print("project_admin: ok")
