"""`{% url %}` for every template (a built-in library, config/settings.py TEMPLATES): Django's tag, its address
reversed once (access.addresses)."""

from django.template import Library
from django.template.defaulttags import URLNode, url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from access.addresses import remembered_reverse

register = Library()


class RememberedURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            url = remembered_reverse(self.view_name.resolve(context), args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
