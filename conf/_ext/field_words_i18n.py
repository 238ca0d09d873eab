"""The words Sphinx and napoleon write into API field lists, in the page's language.

A parameter's type reads ``float, default 0.01`` or ``numpy.ndarray or float, optional``, and
each field name ends in an ASCII colon; those words come from code, not from the catalogues.
On a Chinese page they become 默认, 或, 可选 and a full-width colon.
"""

WORDS = {
    "zh_CN": {
        '<span class="colon">:</span>': '<span class="colon">：</span>',
        "<em>optional</em>": "<em>可选</em>",
        "<em>default</em>": "<em>默认</em>",
        "</code> or <code": "</code> 或 <code",
        "</em> or <em>": "</em> 或 <em>",
        "</code> or <em>": "</code> 或 <em>",
        "</em> or <code": "</em> 或 <code",
    },
}


def translate_fields(app, pagename, templatename, context, doctree):
    words = WORDS.get(app.config.language)
    if not words or "body" not in context:
        return
    body = context["body"]
    for english, translated in words.items():
        body = body.replace(english, translated)
    context["body"] = body


def setup(app):
    app.connect("html-page-context", translate_fields)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
