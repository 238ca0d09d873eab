"""The explorer page in a real browser: what it draws is the package's values, at every slider
setting, in both languages, at desktop and phone width, driven by the keyboard, with no network."""

import numpy as np
import pytest

import activations
from activations.catalogue import by_name
from conftest import LANGUAGES

VIEWPORTS = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}
LOGITS = np.array([[-1.0, 2.0, -3.0, 4.0], [5.0, -6.0, 7.0, 10.0]])
# Sliders to move, with the keyword arguments the package gets for that position (written here,
# not read from the page or the extension) and the key presses from the default position.
MOVES = [
    ("leaky_relu", "negative_slope", "ArrowRight", 2, {"negative_slope": 0.1}),
    ("elu", "alpha", "ArrowLeft", 1, {"alpha": 0.5}),
    ("softplus", "beta", "ArrowRight", 2, {"beta": 4.0}),
    ("hardtanh", "max_val", "ArrowRight", 1, {"max_val": 2.0}),
    ("threshold", "value", "ArrowRight", 1, {"threshold": 1.0, "value": 1.0}),
    ("gelu", "approximate", "ArrowRight", 1, {"approximate": "tanh"}),
    ("softshrink", "lambd", "ArrowRight", 2, {"lambd": 2.0}),
]


def relative_difference(page_values, expected):
    page_values, expected = np.asarray(page_values, dtype=float), np.asarray(expected, dtype=float)
    assert page_values.shape == expected.shape
    scale = np.maximum(np.abs(expected), np.finfo(float).tiny)
    return float(np.max(np.abs(page_values - expected) / scale)) if expected.size else 0.0


def open_explorer(page, server, language, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(f"{server}/{language}/explorer.html")
    page.wait_for_function("() => window.activationExplorer && window.activationExplorer.state.selected.length")
    page.evaluate("() => window.activationExplorer.ready")


def pick(page, name, ticked=True):
    """Tick (or untick) the activation's box with the keyboard, as a reader without a mouse would."""
    box = page.locator(f'#activation-explorer .explorer-pick input[value="{name}"]')
    box.focus()
    page.keyboard.press("Space")
    presence = "" if ticked else "!"
    page.wait_for_function(f"() => {presence}('{name}' in window.activationExplorer.drawn())")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_explorer_draws_the_packages_values(page, server, language, viewport):
    open_explorer(page, server, language, viewport)
    pick(page, "gelu", ticked=False)  # shown at first, with ReLU
    for name, parameter, key, presses, params in MOVES:
        pick(page, name)
        drawn = page.evaluate("n => window.activationExplorer.drawn()[n]", name)
        x = np.array(drawn["x"])
        activation = by_name(name)
        assert relative_difference(drawn["f"], activation.call(x)) <= 1e-12, name
        slider = page.locator(f'#activation-explorer fieldset[data-activation="{name}"] label',
                              has_text=parameter).locator("input")
        slider.focus()
        for _ in range(presses):
            page.keyboard.press(key)
        drawn = page.evaluate("n => window.activationExplorer.drawn()[n]", name)
        assert relative_difference(drawn["f"], activation.function(x, **params)) <= 1e-12, name
        assert relative_difference(drawn["df"], activation.derivative(x, **params)) <= 1e-12, name
        pick(page, name, ticked=False)  # the next one is drawn alone
    assert not page.console_errors, page.console_errors
    assert not page.failed_requests and not page.offsite_requests


@pytest.mark.parametrize("language", LANGUAGES)
def test_softmax_temperature_and_the_gates(page, server, language):
    open_explorer(page, server, language, "desktop")
    pick(page, "softmax")
    slider = page.locator('#activation-explorer fieldset[data-activation="softmax"] input')
    slider.focus()
    page.keyboard.press("ArrowRight")  # temperature 1 -> 2
    bars = page.evaluate("() => window.activationExplorer.drawn().softmax.bars")
    assert relative_difference(bars, activations.softmax(LOGITS / 2.0).ravel()) <= 1e-12
    assert page.locator("#activation-explorer .explorer-bars rect").count() == 8
    pick(page, "swiglu")
    drawn = page.evaluate("() => window.activationExplorer.drawn().swiglu")
    x = np.array(drawn["x"])
    pairs = np.stack([np.ones_like(x), x], axis=-1)
    assert relative_difference(drawn["f"], activations.swiglu(pairs)[:, 0]) <= 1e-12
    assert relative_difference(drawn["df"], activations.swiglu_jacobian(pairs)[:, 0, 1]) <= 1e-12


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_activation_of_the_catalogue_can_be_picked(page, server, language):
    open_explorer(page, server, language, "desktop")
    names = page.eval_on_selector_all("#activation-explorer .explorer-pick input", "els => els.map(e => e.value)")
    from activations.catalogue import CATALOGUE

    assert names == [a.name for a in CATALOGUE]
    for name in ("squared_relu", "sparse_plus", "reglu", "sparsemax"):
        pick(page, name)
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_reading_values_with_the_keyboard_and_at_390_px(page, server, language):
    open_explorer(page, server, language, "phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    page.locator("#activation-explorer .explorer-plot").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    readout = page.inner_text("#activation-explorer .explorer-readout")
    drawn = page.evaluate("() => window.activationExplorer.drawn()")
    cursor = page.evaluate("() => window.activationExplorer.state.cursor")
    x = drawn["relu"]["x"][cursor]
    assert f"x = {float(f'{x:.6g}'):g}" in readout.replace("x = -0;", "x = 0;") or f"x = {x:.6g}" in readout
    assert f"{activations.gelu(x):.6g}"[:6] in readout
    legend = page.inner_text("#activation-explorer .explorer-pick legend")
    assert legend == ("激活函数" if language == "zh_CN" else "Activations")
