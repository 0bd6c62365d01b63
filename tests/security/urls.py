"""Every URL pattern of the project, for tests that must cover views added later without edits.

Used by the permission matrix (a rule per pattern), the restricted-marker test (every pattern
visited) and the security suite (every pattern posted to without a CSRF token, every object id
tried under another child's address).
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def url_patterns(resolver=None, namespace=""):
    """(namespaced name, names of its URL kwargs) for every named pattern, Django admin included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            params = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
            yield f"{namespace}{pattern.name}", params


def url_names():
    for name, _ in url_patterns():
        yield name


def project_patterns():
    """Our own patterns: everything but Django admin's."""
    return [(name, params) for name, params in url_patterns() if not name.startswith("admin:")]


def fill_kwargs(name: str, params: list[str], values: dict) -> dict:
    """The URL kwargs of `name` from `values` (kwarg name -> value); fails naming what it cannot fill."""
    missing = [p for p in params if p not in values]
    assert not missing, f"{name}: teach this test how to fill {missing}"
    return {p: values[p] for p in params}


def every_url(values: dict) -> list[tuple[str, str]]:
    """(name, address) of every project pattern, its kwargs filled from `values`."""
    return [(name, reverse(name, kwargs=fill_kwargs(name, params, values))) for name, params in project_patterns()]
