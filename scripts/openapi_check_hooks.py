"""Schemathesis checks for APIs that report failures inside a 2xx body.

Some providers answer a refused call with HTTP 200 and an error envelope (BILLmanager's
`doc.error`, a non-zero result code). Each export declares that protocol on its success
schema as `x-envelope`. Schemathesis' `negative_data_rejection` and `positive_data_acceptance`
judge by the status alone, which for these APIs says nothing. The two checks below read the
response as the envelope defines it -- an enveloped failure counts as a 400 -- and then apply
Schemathesis' own check unchanged. For responses without an enveloped failure they are the
built-in checks exactly.

Credentials sent as form fields (`x-credential` body properties) have no OpenAPI security
scheme, so Schemathesis' auth configuration cannot fill them: `before_call` puts the mock's
token (OPENAPI_CHECK_TOKEN) there, as the auth configuration does for apiKey schemes.
Loaded by scripts/openapi-check.sh through SCHEMATHESIS_HOOKS.
"""

import copy
import json
import os

import schemathesis
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)


def _envelopes(node, found):
    """Every `x-envelope` declared anywhere under an operation's responses."""
    if isinstance(node, dict):
        env = node.get("x-envelope")
        if isinstance(env, dict):
            found.append(env)
        for value in node.values():
            _envelopes(value, found)
    elif isinstance(node, list):
        for value in node:
            _envelopes(value, found)
    return found


def _failed(env, body):
    """Does `body` carry a failure as the envelope `env` defines it?"""
    if not isinstance(body, dict):
        return False
    kind = env.get("kind")
    if kind == "xml_json":
        root = body.get(env.get("root"))
        return isinstance(root, dict) and env.get("error") in root
    if kind == "result_code":
        for scope in env.get("scopes") or [""]:
            holder = body if scope == "" else body.get(scope)
            if isinstance(holder, dict) and env.get("code_field") in holder:
                code = holder[env["code_field"]]
                if str(code) != str(env.get("success")):
                    return True
    return False


def _effective(response, case):
    """The response with the status its envelope means: an enveloped failure reads as 400."""
    if not 200 <= response.status_code < 300:
        return response
    responses = (case.operation.definition.raw or {}).get("responses", {})
    envelopes = _envelopes(responses, [])
    if not envelopes:
        return response
    try:
        body = json.loads(response.content)
    except ValueError:
        return response
    if any(_failed(env, body) for env in envelopes):
        refused = copy.copy(response)
        refused.status_code = 400
        return refused
    return response


@schemathesis.check
def negative_data_rejection_enveloped(ctx, response, case):
    """negative_data_rejection, reading an enveloped failure as a rejection."""
    return negative_data_rejection(ctx, _effective(response, case), case)


@schemathesis.check
def positive_data_acceptance_enveloped(ctx, response, case):
    """positive_data_acceptance, reading an enveloped failure as a rejection."""
    return positive_data_acceptance(ctx, _effective(response, case), case)


def _credential_fields(node, doc, seen):
    """Names of `x-credential` properties under a request body schema (local refs followed)."""
    names = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            seen.add(ref)
            target = doc
            for part in ref[2:].split("/"):
                target = target.get(part, {}) if isinstance(target, dict) else {}
            names |= _credential_fields(target, doc, seen)
        for name, prop in (node.get("properties") or {}).items():
            if isinstance(prop, dict) and "x-credential" in prop:
                names.add(name)
        for key, value in node.items():
            if key != "properties":
                names |= _credential_fields(value, doc, seen)
    elif isinstance(node, list):
        for value in node:
            names |= _credential_fields(value, doc, seen)
    return names


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    token = os.environ.get("OPENAPI_CHECK_TOKEN")
    if not token or not isinstance(case.body, dict):
        return
    body_schema = (case.operation.definition.raw or {}).get("requestBody", {})
    doc = case.operation.schema.raw_schema
    for name in _credential_fields(body_schema, doc, set()):
        # A credential a negative case removed or retyped stays as generated.
        if isinstance(case.body.get(name), str):
            case.body[name] = token
