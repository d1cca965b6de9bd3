#!/usr/bin/env python3
"""Regenerates service-tags/ServiceTags_Public_<date>.backup-subset.json from a full weekly file.

Keeps the Storage, AzureBackup, AzureCloud and AzureActiveDirectory families (global and regional
entries) unchanged, drops every other tag, and writes one entry per line so diffs stay readable.
Usage: scripts/make-snapshot.py ../shared/service-tags/ServiceTags_Public_20240506.json
"""
import json, os, sys

FAMILIES = ("storage", "azurebackup", "azurecloud", "azureactivedirectory")

src = sys.argv[1]
doc = json.load(open(src, encoding="utf-8-sig"))
keep = [v for v in doc["values"] if v["name"].split(".")[0].lower() in FAMILIES]
date = os.path.basename(src).rsplit("_", 1)[-1].split(".")[0]
out = f"service-tags/ServiceTags_{doc['cloud']}_{date}.backup-subset.json"
with open(out, "w", newline="\n") as f:
    f.write('{"changeNumber":%d,"cloud":%s,\n' % (doc["changeNumber"], json.dumps(doc["cloud"])))
    f.write('"x-azegress-source":%s,\n' % json.dumps(f"{os.path.basename(src)}: families {', '.join(FAMILIES)}; other tags removed"))
    f.write('"values":[\n')
    f.write(",\n".join(json.dumps(v, separators=(",", ":")) for v in keep))
    f.write("\n]}\n")
print(out, len(keep), "entries")
