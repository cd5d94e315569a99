"""Each id component of an OpenAPI export is a type of its own in a peer client generator.

Usage: openapi_check_ids.py EXPORT.json MODELS.py

MODELS.py is what datamodel-code-generator wrote from EXPORT.json. For every component
schema carrying `x-identifies`, the generated module must define a pydantic RootModel of
that name, a class no other id component shares, that keeps the component's length
constraints. Exit 0 when all hold, 1 otherwise (each failure printed).
"""

import importlib.util
import json
import sys

from pydantic import RootModel, ValidationError


def main(export_path, models_path):
    doc = json.load(open(export_path))
    spec = importlib.util.spec_from_file_location("models", models_path)
    models = importlib.util.module_from_spec(spec)
    # pydantic resolves generic models through sys.modules.
    sys.modules["models"] = models
    spec.loader.exec_module(models)
    failures, seen = [], {}
    ids = {
        name: schema
        for name, schema in doc.get("components", {}).get("schemas", {}).items()
        if "x-identifies" in schema
    }
    for name, schema in ids.items():
        cls = getattr(models, name, None)
        if not (isinstance(cls, type) and issubclass(cls, RootModel)):
            failures.append(f"{name}: no RootModel class generated (got {cls!r})")
            continue
        if id(cls) in seen:
            failures.append(f"{name}: the same class as {seen[id(cls)]}")
        seen[id(cls)] = name
        cls.model_validate("x" * max(schema.get("minLength", 1), 1))
        if schema.get("minLength", 0) > 0:
            try:
                cls.model_validate("x" * (schema["minLength"] - 1))
                failures.append(f"{name}: accepts a value under minLength")
            except ValidationError:
                pass
    for f in failures:
        print(f"openapi-check ids: {export_path}: {f}", file=sys.stderr)
    print(f"openapi-check ids: {export_path}: {len(ids)} id component(s) checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
