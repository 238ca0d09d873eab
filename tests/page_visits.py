"""One visit to every page of both languages in headless Chromium, recording what a reader meets.

Each page is visited once (one browser, one context per language, pages in turn) and recorded:
console errors, failed requests, requests to other hosts, images that do not load or have no
alt text, the math, visible text, where the language switch leads, boxes that scroll sideways
at desktop width, what sticks out at phone width, the phone menu, the labels a reader meets
without seeing them, and the violations axe-core (the accessibility engine browsers' own audits
use, from npm, injected from node_modules) finds. tests/test_browser.py and
tests/test_accessibility.py check these records; tests/conftest.py makes them once per session.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from conftest import HTML, ROOT

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.length,
    where: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def pages(language):
    return sorted(p.relative_to(HTML / language).as_posix()
                  for p in (HTML / language).rglob("*.html"))


@dataclass
class Visit:
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    offsite_requests: list = field(default_factory=list)
    images: list = field(default_factory=list)
    math: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)  # API entry (dt id) -> its <math> elements
    visible_text: str = ""
    lang: str = ""  # the <html> element's lang
    switch: dict = field(default_factory=dict)
    phone_overflow: list = field(default_factory=list)
    desktop_scrollers: list = field(default_factory=list)
    phone_menu: dict = field(default_factory=dict)
    phone_title: dict = field(default_factory=dict)  # the h1's text and its number of lines
    labels: list = field(default_factory=list)
    axe: list = field(default_factory=list)  # axe-core's violations


INSPECT = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  const settled = (img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done, { once: true });
    img.addEventListener("error", done, { once: true });
  });
  await Promise.race([Promise.all(images.map(settled)),
                      new Promise((done) => setTimeout(done, 10000))]);
  const hidden = "pre, code, math, script, style, noscript, textarea, template";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const text = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (el && !el.closest(hidden) && el.getClientRects().length) text.push(node.data);
  }
  const maths = [...document.querySelectorAll("math")];
  return {
    images: images.map((img) => ({ src: img.getAttribute("src"), alt: img.getAttribute("alt"),
                                   width: img.naturalWidth })),
    math: {
      count: maths.length,
      not_mathml: maths.filter((m) => !(m instanceof MathMLElement)).length,
      not_drawn: maths.filter((m) => {
        const box = m.getBoundingClientRect();
        return !(box.width > 0 && box.height > 0);
      }).length,
      errors: document.querySelectorAll("merror").length,
    },
    text: text.join(" "),
    lang: document.documentElement.lang,
    switch: [...document.querySelectorAll("nav.language-switch a")].map((a) => a.href),
    objects: Object.fromEntries([...document.querySelectorAll("dl.py > dt[id]")].map((dt) => [
      dt.id, dt.querySelectorAll("math").length
        + (dt.nextElementSibling?.querySelectorAll("math").length ?? 0)])),
  };
}"""


# At desktop width: boxes (tables, code, formulas) whose content is wider than the box, so that a
# reader has to scroll them sideways.
SCROLLERS = """() => [...document.querySelectorAll("body *")].filter((el) => {
  const overflow = getComputedStyle(el).overflowX;
  return (overflow === "auto" || overflow === "scroll") && el.getClientRects().length
    && el.scrollWidth > el.clientWidth + 1;
}).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} `
  + `(${el.scrollWidth} px in ${el.clientWidth})`)"""

# Labels a reader meets without seeing them as text: aria-label, title and placeholder
# attributes, and text that stylesheets add (sphinx-gallery's label above printed output).
LABELS = """() => {
  const found = [...document.querySelectorAll("[aria-label], [title], [placeholder]")]
    .flatMap((el) => ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a)))
    .filter((label) => label);
  for (const el of document.querySelectorAll(".sphx-glr-script-out")) {
    found.push(getComputedStyle(el, "::before").content.replace(/^"|"$/g, ""));
  }
  return found;
}"""

# At phone width: the button that opens the navigation drawer (with the search box) and where it
# is on the page.
PHONE_MENU = """() => {
  const button = document.querySelector("label[for='__navigation']:not(.overlay)");
  const box = button?.getBoundingClientRect();
  return box ? { top: box.top + window.scrollY, width: box.width, height: box.height } : {};
}"""

# At phone width: the page title's text and on how many lines it is set.
TITLE_LINES = """() => {
  const text = document.querySelector("article h1")?.firstChild;
  if (!text) return {};
  const range = document.createRange();
  range.selectNodeContents(text);
  const tops = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
  return { text: text.textContent, lines: tops.size };
}"""

# At phone width: what sticks out to the right of the screen, making the page scroll sideways.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width + 1) return [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const clipped = (el) => {  // inside a box that scrolls or clips: does not widen the page
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== "visible") return true;
    return false;
  };
  return [...document.body.querySelectorAll("*")].filter((el) => {
    const right = el.getBoundingClientRect().right;
    return right > width + 1 && el.parentElement.getBoundingClientRect().right <= width + 1
      && !clipped(el);
  }).slice(0, 5).map((el) => `${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def instrument(tab, server, state):
    """Send the tab's events to the Visit in ``state["visit"]``.

    A request that the browser aborts because the test navigates away (a favicon still loading
    when the next page is opened) is not a failure; ``state["leaving"]`` marks those moments.
    """
    def failed(req):
        if not (state["leaving"] and req.failure == "net::ERR_ABORTED"):
            state["visit"].failed_requests.append(f"{req.url} ({req.failure})")

    tab.on("console", lambda msg: msg.type == "error" and state["visit"].console_errors.append(
        f"{msg.text} {msg.location.get('url', '')}"))
    tab.on("pageerror", lambda exc: state["visit"].console_errors.append(str(exc)))
    tab.on("requestfailed", failed)
    tab.on("response", lambda res: res.status >= 400 and state["visit"].failed_requests.append(
        f"{res.url} ({res.status})"))
    tab.on("request", lambda req: req.url.startswith(("data:", "blob:", server + "/"))
           or state["visit"].offsite_requests.append(req.url))


def visit_every_page(browser, server, language):
    """{page: Visit} for every page of ``language``."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
    results = {}
    state = {"visit": Visit(), "leaving": False}
    context = browser.new_context(viewport=DESKTOP)
    # axe-core (500 kB) in every page as it loads: compiled once and cached, where a script
    # tag added to each loaded page cost 0.2 s a page.
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    instrument(tab, server, state)
    for page in pages(language):
        state["leaving"] = True
        tab.goto(f"{server}/{language}/{page}", wait_until="commit")
        visit = state["visit"] = results[page] = Visit()
        state["leaving"] = False
        tab.wait_for_load_state("load")
        found = tab.evaluate(INSPECT)
        visit.images, visit.math, visit.visible_text = found["images"], found["math"], found["text"]
        visit.objects, visit.lang = found["objects"], found["lang"]
        # Where the switch leads (that page is visited in its own language's run): the link's
        # address as the browser resolves it.
        visit.switch = {"links": len(found["switch"]),
                        "path": urlsplit(found["switch"][0]).path if found["switch"] else None}
        visit.axe = tab.evaluate(AXE_RUN)
        visit.desktop_scrollers = tab.evaluate(SCROLLERS)
        visit.labels = tab.evaluate(LABELS)
        tab.set_viewport_size(PHONE)
        visit.phone_overflow = tab.evaluate(OVERFLOW)
        visit.phone_menu = tab.evaluate(PHONE_MENU)
        visit.phone_title = tab.evaluate(TITLE_LINES)
        tab.set_viewport_size(DESKTOP)
    state["leaving"] = True
    context.close()
    return results
