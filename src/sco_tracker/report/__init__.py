"""Reports: typed contexts, rendering in one Jinja2 environment, the built-in templates, the
calendar."""
