"""The JSON Schema of commitments.yaml, generated from the model (shipped as
commitments.schema.json)."""

from __future__ import annotations

import json

from sco_tracker.spec.model import CommitmentsFile


def schema_json() -> str:
    schema = CommitmentsFile.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/sco-tracker/sco_tracker/commitments.schema.json",
        **schema,
    }
    schema["title"] = "sco_tracker commitments.yaml, or a file it includes"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
