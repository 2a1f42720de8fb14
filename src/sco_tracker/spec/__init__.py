"""commitments.yaml: reading it with positions, the typed schema, the validation rules, safe
edits."""
