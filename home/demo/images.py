"""Simple graphics for the demo content, drawn with Pillow.

The demo must load without a network and without shipping binary files in the repository, so its
charts and diagrams are drawn here from the numbers in `media.yaml`. Drawing is deterministic (same
input, same bytes), which keeps repeated loads comparable. Each function returns PNG bytes.
"""

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675
MARGIN = 60

# USWDS theme colours, so the graphics sit comfortably next to the site's own components.
INK = "#1b1b1b"
MUTED = "#565c65"
LIGHT = "#f0f0f0"
RULE = "#dfe1e2"
PRIMARY = "#005ea2"
PRIMARY_LIGHT = "#73b3e7"
ACCENT = "#00bde3"
WARM = "#ffbe2e"
GOOD = "#00a91c"
BAD = "#d54309"
WHITE = "#ffffff"


def font(size):
    """Pillow's bundled scalable font: present on every machine that has Pillow with FreeType."""
    return ImageFont.load_default(size=size)


def wrap(draw, text, text_font, max_width):
    """Split text into lines that fit max_width pixels."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=text_font) <= max_width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def draw_wrapped(draw, xy, text, text_font, max_width, fill=INK, line_height=None, anchor_center=False):
    """Draw wrapped text from the top-left (or top-centre) point and return the y below it."""
    x, y = xy
    line_height = line_height or int(text_font.size * 1.3)
    for line in wrap(draw, text, text_font, max_width):
        if anchor_center:
            draw.text((x, y), line, font=text_font, fill=fill, anchor="ma")
        else:
            draw.text((x, y), line, font=text_font, fill=fill)
        y += line_height
    return y


def canvas(title, subtitle=""):
    """A white card with a title band, the frame every demo graphic shares."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 8], fill=PRIMARY)
    draw.text((MARGIN, 32), title, font=font(34), fill=INK)
    if subtitle:
        draw.text((MARGIN, 78), subtitle, font=font(20), fill=MUTED)
    return image, draw


def to_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def bar_chart(title, bars, unit="", subtitle="", highlight_last=True):
    """Vertical bars, e.g. a result before and after a change. `bars` is [(label, number), ...]."""
    image, draw = canvas(title, subtitle)
    top, bottom = 150, HEIGHT - 110
    left, right = MARGIN + 40, WIDTH - MARGIN
    draw.line([left, bottom, right, bottom], fill=MUTED, width=2)
    highest = max(value for _, value in bars) or 1
    slot = (right - left) / len(bars)
    bar_width = min(200, slot * 0.55)
    for index, (label, value) in enumerate(bars):
        centre = left + slot * (index + 0.5)
        height = (bottom - top - 40) * value / highest
        is_last = index == len(bars) - 1
        colour = PRIMARY if (is_last and highlight_last) else PRIMARY_LIGHT
        draw.rectangle([centre - bar_width / 2, bottom - height, centre + bar_width / 2, bottom], fill=colour)
        draw.text((centre, bottom - height - 12), f"{value:g}{unit}", font=font(28), fill=INK, anchor="md")
        draw_wrapped(draw, (centre, bottom + 14), label, font(20), slot - 20, fill=MUTED, anchor_center=True)
    return to_png(image)


def trend_chart(title, points, unit="", subtitle="", target=None):
    """A line over time, e.g. a monthly score. `points` is [(label, number), ...]."""
    image, draw = canvas(title, subtitle)
    top, bottom = 160, HEIGHT - 100
    left, right = MARGIN + 60, WIDTH - MARGIN - 20
    values = [value for _, value in points] + ([target] if target is not None else [])
    low, high = min(values) * 0.9, max(values) * 1.05
    span = (high - low) or 1

    def y_for(value):
        return bottom - (bottom - top) * (value - low) / span

    for step in range(5):
        level = low + span * step / 4
        y = y_for(level)
        draw.line([left, y, right, y], fill=RULE, width=1)
        draw.text((left - 12, y), f"{level:.0f}{unit}", font=font(18), fill=MUTED, anchor="rm")
    if target is not None:
        y = y_for(target)
        draw.line([left, y, right, y], fill=WARM, width=4)
        draw.text((left + 8, y - 8), f"Target {target:g}{unit}", font=font(20), fill=INK, anchor="ld")
    step_x = (right - left) / max(len(points) - 1, 1)
    coordinates = [(left + step_x * index, y_for(value)) for index, (_, value) in enumerate(points)]
    draw.line(coordinates, fill=PRIMARY, width=5, joint="curve")
    for (x, y), (label, _) in zip(coordinates, points, strict=True):
        draw.ellipse([x - 8, y - 8, x + 8, y + 8], fill=PRIMARY, outline=WHITE, width=2)
        draw.text((x, bottom + 16), label, font=font(18), fill=MUTED, anchor="ma")
    last_x, last_y = coordinates[-1]
    draw.text((last_x, last_y - 18), f"{points[-1][1]:g}{unit}", font=font(26), fill=INK, anchor="md")
    return to_png(image)


def journey_map(title, stages, scores, notes=(), subtitle=""):
    """Stages across the top, an emotion curve below them, and a pain point or note per stage.

    `scores` run from -2 (frustrated) to +2 (confident), one per stage.
    """
    image, draw = canvas(title, subtitle)
    left, right = MARGIN, WIDTH - MARGIN
    column = (right - left) / len(stages)
    band_top, band_bottom = 130, 200
    for index, stage in enumerate(stages):
        x0 = left + column * index
        draw.rectangle([x0 + 4, band_top, x0 + column - 4, band_bottom], fill=PRIMARY if index % 2 == 0 else "#1a4480")
        draw_wrapped(
            draw, (x0 + column / 2, band_top + 12), stage, font(20), column - 24, fill=WHITE, anchor_center=True
        )
    curve_top, curve_bottom = 250, 450
    middle = (curve_top + curve_bottom) / 2
    draw.line([left, middle, right, middle], fill=RULE, width=2)
    draw.text((left, curve_top - 6), "Confident", font=font(16), fill=MUTED, anchor="ld")
    draw.text((left, curve_bottom + 6), "Frustrated", font=font(16), fill=MUTED, anchor="la")
    points = []
    for index, score in enumerate(scores):
        x = left + column * (index + 0.5)
        y = middle - (curve_bottom - curve_top) / 2 * score / 2
        points.append((x, y))
    draw.line(points, fill=INK, width=4, joint="curve")
    for (x, y), score in zip(points, scores, strict=True):
        colour = GOOD if score > 0 else (BAD if score < 0 else WARM)
        draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill=colour, outline=WHITE, width=3)
    for index, note in enumerate(notes):
        x0 = left + column * index
        draw.rectangle([x0 + 6, 490, x0 + column - 6, HEIGHT - 40], fill=LIGHT)
        draw_wrapped(draw, (x0 + 16, 502), note, font(17), column - 32, fill=INK)
    return to_png(image)


def blueprint(title, stages, lanes, subtitle=""):
    """A service blueprint grid: stages as columns, swimlanes as rows. `lanes` is [(name, [cell, ...]), ...]."""
    image, draw = canvas(title, subtitle)
    label_width = 190
    left, right = MARGIN + label_width, WIDTH - MARGIN
    top = 130
    column = (right - left) / len(stages)
    row = (HEIGHT - 40 - top - 50) / len(lanes)
    for index, stage in enumerate(stages):
        x0 = left + column * index
        draw.rectangle([x0 + 3, top, x0 + column - 3, top + 44], fill=PRIMARY)
        draw.text((x0 + column / 2, top + 22), stage, font=font(19), fill=WHITE, anchor="mm")
    lane_colours = [WHITE, LIGHT]
    for lane_index, (lane, cells) in enumerate(lanes):
        y0 = top + 50 + row * lane_index
        draw.rectangle([MARGIN, y0, right, y0 + row], fill=lane_colours[lane_index % 2])
        draw_wrapped(draw, (MARGIN + 8, y0 + 10), lane, font(19), label_width - 20, fill=INK)
        if lane_index == 1:
            draw.line([MARGIN, y0, right, y0], fill=BAD, width=3)
            draw.text((MARGIN + 8, y0 - 4), "line of visibility", font=font(15), fill=BAD, anchor="ld")
        for index, cell in enumerate(cells):
            if not cell:
                continue
            x0 = left + column * index
            draw.rounded_rectangle([x0 + 8, y0 + 8, x0 + column - 8, y0 + row - 8], radius=8, outline=PRIMARY, width=2)
            draw_wrapped(draw, (x0 + 16, y0 + 14), cell, font(16), column - 32, fill=INK, line_height=20)
    return to_png(image)


def process(title, steps, subtitle=""):
    """Numbered boxes joined by arrows, for a method's steps at a glance.

    Each step is a name or a (name, detail) pair.
    """
    image, draw = canvas(title, subtitle)
    left, right = MARGIN, WIDTH - MARGIN
    gap = 36
    box = (right - left - gap * (len(steps) - 1)) / len(steps)
    top, bottom = 200, 470
    for index, step in enumerate(steps):
        x0 = left + (box + gap) * index
        draw.rounded_rectangle([x0, top, x0 + box, bottom], radius=14, fill=LIGHT, outline=PRIMARY, width=3)
        draw.ellipse([x0 + box / 2 - 26, top - 26, x0 + box / 2 + 26, top + 26], fill=PRIMARY)
        draw.text((x0 + box / 2, top), str(index + 1), font=font(28), fill=WHITE, anchor="mm")
        name, detail = (step, "") if isinstance(step, str) else step
        y = draw_wrapped(draw, (x0 + box / 2, top + 46), name, font(22), box - 28, anchor_center=True)
        if detail:
            draw.line([x0 + 24, y + 8, x0 + box - 24, y + 8], fill=RULE, width=2)
            draw_wrapped(draw, (x0 + 16, y + 22), detail, font(17), box - 32, fill=MUTED)
        if index < len(steps) - 1:
            ax = x0 + box + 4
            ay = (top + bottom) / 2
            draw.polygon([(ax, ay - 12), (ax + gap - 8, ay), (ax, ay + 12)], fill=ACCENT)
    return to_png(image)


RENDERERS = {
    "bar_chart": bar_chart,
    "trend_chart": trend_chart,
    "journey_map": journey_map,
    "blueprint": blueprint,
    "process": process,
}


def render(kind, **params):
    """Draw the graphic named by `kind` (a key of RENDERERS) and return PNG bytes."""
    return RENDERERS[kind](**params)
