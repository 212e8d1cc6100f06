#!/usr/bin/env python3
"""Writes the diff fixtures: examples/compose-web-app as base.bulkhead.json, and one copy per
kind of change, each compared with base (removals are the additions read backwards)."""
import copy
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
base = json.loads((here.parents[2] / "examples" / "compose-web-app.bulkhead.json").read_text())


def find(items, item_id):
    return next(item for item in items if item["id"] == item_id)


def variant(name, edit):
    model = copy.deepcopy(base)
    edit(model)
    (here / f"{name}.bulkhead.json").write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n")


def add_element(m):
    worker = copy.deepcopy(find(m["elements"], "web-app"))
    worker.update(id="worker", name="Celery worker")
    worker["geometry"]["y"] += 200
    m["elements"].append(worker)


def add_boundary(m):
    m["boundaries"].append({"id": "dmz", "kind": "container-network", "name": "DMZ network",
                            "parent": "docker-host", "properties": {},
                            "geometry": {"x": 900, "y": 600, "w": 200, "h": 120}})


def add_flow(m):
    flow = copy.deepcopy(find(m["flows"], "app-to-redis"))
    flow.update(id="proxy-to-redis", name="Rate-limit counters", source="nginx")
    m["flows"].append(flow)


def change_everything(m):
    """The editor's comparison view: something added, removed and changed of every kind."""
    m["elements"] = [e for e in m["elements"] if e["id"] != "operator"]
    m["flows"] = [f for f in m["flows"] if f["id"] != "operator-to-dockerd"]
    worker = copy.deepcopy(find(m["elements"], "web-app"))
    worker.update(id="worker", name="Celery worker")
    worker["geometry"].update(y=88)
    m["elements"].append(worker)
    flow = copy.deepcopy(find(m["flows"], "app-to-redis"))
    flow.update(id="worker-to-redis", name="Task queue", source="worker")
    m["flows"].append(flow)
    find(m["elements"], "web-app")["name"] = "Django shop"
    find(m["elements"], "redis")["properties"].update(dataClassification="public")
    find(m["boundaries"], "compose-network")["name"] = "backend network"
    m["model"].update(title="Web shop, 2027 review")
    m["register"][0].update(status="mitigated")
    add_manual_threat(m)


def add_manual_threat(m):
    m["manualThreats"].append(
        {"id": "backup-theft", "title": "Database backups copied off the host",
         "description": "Nightly dumps land in /srv/backup, readable by the operator account.",
         "stride": "I", "target": "pgdata", "likelihood": 2, "impact": 3})


def hostile(m):
    find(m["elements"], "web-app")["name"] = (
        "</td></tr></table></details><script>alert(1)</script> | *bold* [x](javascript:1)\n# h")


variant("base", lambda m: None)
variant("element-added", add_element)
variant("element-renamed", lambda m: find(m["elements"], "web-app").update(name="Django shop"))
variant("element-moved", lambda m: find(m["elements"], "redis").update(boundary="docker-host"))
variant("boundary-added", add_boundary)
variant("boundary-renamed",
        lambda m: find(m["boundaries"], "compose-network").update(name="backend network"))
variant("boundary-moved", lambda m: find(m["boundaries"], "compose-network").update(parent=""))
variant("flow-added", add_flow)
variant("flow-renamed", lambda m: find(m["flows"], "proxy-to-app").update(name="Proxied requests"))
variant("flow-reconnected",
        lambda m: find(m["flows"], "dockerd-to-app").update(target="nginx", bidirectional=True))
variant("property-changed",
        lambda m: find(m["elements"], "redis")["properties"].update(authRequired="yes"))
variant("severity-changed",
        lambda m: find(m["elements"], "redis")["properties"].update(dataClassification="public"))
variant("metadata-changed", lambda m: m["model"].update(title="Web shop, 2027 review", version="2"))
variant("register-changed", lambda m: m["register"][0].update(
    status="mitigated", justification="History rewritten; the .env file was never pushed."))
variant("register-removed", lambda m: m["register"].clear())
variant("manual-threat-changed", lambda m: m["manualThreats"][0].update(likelihood=4, impact=4))
variant("manual-threat-added", add_manual_threat)
variant("layout-only", lambda m: find(m["elements"], "nginx")["geometry"].update(x=400, y=40))
variant("hostile-name", hostile)
variant("everything-changed", change_everything)
variant("invalid", lambda m: find(m["flows"], "app-to-redis").update(target="no-such-element"))
(here / "corrupt.bulkhead.json").write_text(json.dumps(base, indent=2)[:900])
