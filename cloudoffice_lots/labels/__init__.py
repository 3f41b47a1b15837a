"""Label rendering engine: layouts and batch data in, PDF or ZPL out.

Plain Python (reportlab, Pillow and the :mod:`..gs1` package), no Odoo: the
add-on's label layouts build the two inputs and call :func:`render`.

* a *layout* dict: ``width_mm``, ``height_mm``, ``output`` (``pdf_sheet``,
  ``pdf_single`` or ``zpl``), ``page`` (sheet size, rows, columns, margins,
  gaps, ``skip`` for a partly used sheet), ``dpi`` (ZPL), ``fields`` (which
  of :data:`FIELDS`, in order), ``captions`` (translated captions per
  field), ``free_text``, ``pictograms`` (print GHS pictograms or not);
* a list of *label* dicts: the field values as printable text,
  ``attributes`` (``[(caption, value)]``), ``pictograms`` (GHS codes),
  ``barcode`` (``{'kind': ..., 'data': ...}`` as :func:`..gs1.render.draw`
  takes them), ``captions`` overriding the layout's, ``copies``.

>>> pdf = render({'width_mm': 50, 'height_mm': 30, 'fields': ['lot'],
...               'captions': {'lot': 'Batch'}}, [{'lot': 'B-1'}])
>>> pdf[:5]
b'%PDF-'
>>> print(render({'width_mm': 50, 'height_mm': 30, 'output': 'zpl', 'fields': ['lot']},
...              [{'lot': 'B-1'}]).splitlines()[0])
^XA
"""
from .layout import FIELDS, OUTPUTS, LayoutError, normalise, place
from .pictograms import PICTOGRAMS, TITLES


def render(layout, labels):
    """PDF bytes (``pdf_*`` outputs) or ZPL text (``zpl``) for ``labels``."""
    layout = normalise(layout)
    if layout["output"] == "zpl":
        from .zpl import render_zpl
        return render_zpl(layout, labels)
    from .pdf import render_pdf
    return render_pdf(layout, labels)


__all__ = ["FIELDS", "OUTPUTS", "PICTOGRAMS", "TITLES", "LayoutError", "normalise",
           "place", "render"]
