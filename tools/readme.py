"""Render each add-on's readme/*.rst fragments into its README.rst (OCA style).

Fragments show screenshots as ``../static/description/NAME.png`` (relative to
readme/); README.rst gets ``static/description/NAME.png``. PNGs there that no
fragment shows are listed under Screenshots. tools/screenshots.py takes them.

Usage: .venv/bin/python tools/readme.py
"""
import ast
import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage"),
            ("ROADMAP", "Known issues / Roadmap"), ("HISTORY", "Changelog")]
IMAGES = "static/description/"


def render(addon):
    addon_dir = os.path.join(REPO_ROOT, addon)
    with open(os.path.join(addon_dir, "__manifest__.py"), encoding="utf-8") as handle:
        manifest = ast.literal_eval(handle.read())
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "",
             ".. |badge| image:: https://img.shields.io/badge/licence-%s-blue.png"
             % manifest["license"].replace("-", "--"),
             "", "|badge|", ""]
    for fragment, heading in SECTIONS:
        path = os.path.join(addon_dir, "readme", fragment + ".rst")
        if not os.path.exists(path):
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        with open(path, encoding="utf-8") as handle:
            parts += [handle.read().rstrip().replace("../" + IMAGES, IMAGES), ""]
    shown = "\n".join(parts)
    screenshots = sorted(f for f in os.listdir(os.path.join(addon_dir, IMAGES))
                         if f.endswith(".png") and f != "icon.png" and IMAGES + f not in shown) \
        if os.path.isdir(os.path.join(addon_dir, IMAGES)) else []
    if screenshots:
        parts += ["Screenshots", "===========", ""]
        for name in screenshots:
            parts += [".. image:: %s%s" % (IMAGES, name),
                      "   :alt: %s" % name[:-4].replace("_", " "), ""]
    parts += ["Credits", "=======", "",
              "Authors: %s. License: %s." % (manifest["author"], manifest["license"]), ""]
    with open(os.path.join(addon_dir, "README.rst"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(parts))


if __name__ == "__main__":
    for addon_name in ("cloudoffice_lots", "cloudoffice_fortnox", "cloudoffice_lots_stock_barcodes"):
        render(addon_name)
