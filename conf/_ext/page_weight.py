"""Lighter pages: only the gallery and copy-button assets a page uses, PNGs with a palette."""

import os
from pathlib import Path

# Page weight. sphinx-gallery puts four stylesheets and a script on every page, sphinx-copybutton
# two scripts and a stylesheet, and Pygments its colours for both themes (19 KiB); a page gets
# only those it uses.
PAGE_ASSETS = {  # file -> what a page that needs it contains
    "pygments.css": 'class="highlight"',
    "copybutton.js": 'class="highlight"',
    "clipboard.min.js": 'class="highlight"',
    "copybutton.css": 'class="highlight"',
    "sg_gallery.css": "sphx-glr",
    "sg_gallery-binder.css": "binder-badge",
    "sg_gallery-dataframe.css": "dataframe",
    "sg_gallery-rendered-html.css": "rendered_html",
    "sg-tags.js": "sphx-glr-tag",
}


def _only_used_assets(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        context[key] = [
            asset for asset in context.get(key, [])
            if PAGE_ASSETS.get(os.path.basename(str(getattr(asset, "filename", asset))), "")
            in body
        ]


# Figures are drawn as 32-bit RGBA PNGs, but a plot has few colours: each generated PNG (gallery
# figures and thumbnails, activation plots) is stored once with a 256-colour palette, about a
# third of the bytes and no visible change (a palette that would move the average pixel by a
# level or more is not used; fully transparent pixels, the padding of thumbnails, stay so). This
# runs after the images are drawn and before the pages that show them are read; in `make docs`
# the English build does it while the Chinese one reads (conf/conf.py), so a file is replaced
# whole, never seen half written.
GENERATED_IMAGES = ("auto_examples", "_generated")


def palette_png(path):
    from PIL import Image, ImageChops, ImageStat

    with Image.open(path) as image:
        rgb, alpha = image.convert("RGB"), image.getchannel("A")
    if {value for _, value in alpha.getcolors(256)} - {0, 255}:
        return  # translucent pixels: a palette with one transparent entry cannot keep them
    palette = rgb.quantize(255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if max(ImageStat.Stat(ImageChops.difference(rgb, palette.convert("RGB"))).mean) >= 1:
        return
    palette.putpalette((palette.getpalette() + [0] * 768)[:765] + [255, 255, 255])
    palette.paste(255, mask=alpha.point(lambda a: 255 - a))  # index 255: transparent
    partial = path.with_name(path.name + ".part")
    palette.save(partial, format="PNG", optimize=True, transparency=255)
    # The drawing's time stays: the picture is the same, so a page read before is not stale.
    drawn = path.stat()
    os.utime(partial, ns=(drawn.st_atime_ns, drawn.st_mtime_ns))
    os.replace(partial, path)


def _palette_pngs(app, env, docnames):
    if os.environ.get("WAIT_FOR_EXAMPLES"):
        return  # the Chinese build of `make docs`: the English one does it
    for folder in GENERATED_IMAGES:
        for path in sorted(Path(app.srcdir, folder).rglob("*.png")):
            with open(path, "rb") as png:
                if png.read(26)[25:26] == b"\x06":  # IHDR colour type 6: RGBA (3: palette)
                    palette_png(path)


def setup(app):
    app.connect("html-page-context", _only_used_assets)
    app.connect("env-before-read-docs", _palette_pngs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
