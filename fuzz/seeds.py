#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/) from the repository's own fixtures and
demo assets, so nothing large is committed: run before each fuzz run (fuzz/run.sh does)."""
import csv
import hashlib
import io
import pathlib
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def put(target: str, data: bytes) -> None:
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def texts():
    for p in sorted((ROOT / "tests/fixtures/shinkyu").glob("*/old.txt")):
        yield p.read_bytes(), (p.parent / "new.txt").read_bytes()
    demo = ROOT / "assets/demo/shinkyu"
    yield (demo / "policy_old.txt").read_bytes(), (demo / "policy_new.txt").read_bytes()
    for p in sorted((ROOT / "assets/demo/text").glob("*.txt")):
        yield p.read_bytes(), b""


def csv_files():
    return sorted((ROOT / "tests/fixtures/kpi").glob("*.csv")) + sorted((ROOT / "assets/demo/kpi").glob("*.csv"))


def docx(lines: list[str]) -> bytes:
    """A minimal Word document: one paragraph per line, with a tracked deletion and a line break mixed in."""
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paras = []
    for i, line in enumerate(lines):
        extra = '<w:del><w:r><w:delText>削除</w:delText></w:r></w:del>' if i % 5 == 1 else ""
        brk = '<w:r><w:br/><w:t>改行後</w:t></w:r>' if i % 7 == 3 else ""
        paras.append(f'<w:p><w:r><w:t xml:space="preserve">{esc(line)}</w:t></w:r>{extra}{brk}</w:p>')
    body = "".join(paras)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        fixed = lambda name: zipfile.ZipInfo(name, date_time=(2023, 6, 5, 9, 0, 0))  # same bytes every run
        z.writestr(fixed("[Content_Types].xml"), '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr(fixed("word/document.xml"), xml, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def pdf(pages: int, rotate: int, outline: bool, compress: bool) -> bytes:
    """A small valid PDF (pages with a text stream, inherited resources, optional outline and rotation)."""
    objs = {}
    kids = " ".join(f"{10 + i} 0 R" for i in range(pages))
    objs[1] = "<< /Type /Catalog /Pages 2 0 R" + (" /Outlines 3 0 R" if outline else "") + " >>"
    objs[2] = (f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 595 842]"
               " /Resources << /Font << /F1 4 0 R >> >> >>")
    if outline:
        objs[3] = "<< /Type /Outlines /First 5 0 R /Last 6 0 R /Count 2 >>"
        objs[5] = "<< /Title (Part 1) /Parent 3 0 R /Next 6 0 R /Dest [10 0 R /Fit] >>"
        objs[6] = f"<< /Title <FEFF30C630B930C8> /Parent 3 0 R /Prev 5 0 R /A << /S /GoTo /D [{10 + pages - 1} 0 R /Fit] >> >>"
    objs[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    streams = {}
    for i in range(pages):
        extra = f" /Rotate {rotate}" if rotate else ""
        objs[10 + i] = f"<< /Type /Page /Parent 2 0 R /Contents {100 + i} 0 R{extra} >>"
        content = f"BT /F1 24 Tf 72 720 Td (Page {i + 1}) Tj ET".encode()
        streams[100 + i] = zlib.compress(content) if compress else content
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(set(objs) | set(streams)):
        offsets[n] = len(out)
        if n in streams:
            data = streams[n]
            flt = " /Filter /FlateDecode" if compress else ""
            out += f"{n} 0 obj\n<< /Length {len(data)}{flt} >>\nstream\n".encode() + data + b"\nendstream\nendobj\n"
        else:
            out += f"{n} 0 obj\n{objs[n]}\nendobj\n".encode()
    size = max(offsets) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for n in range(1, size):
        out += (f"{offsets[n]:010d} 00000 n \n" if n in offsets else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main() -> None:
    for old, new in texts():
        put("shinkyu_table", old + b"\0" + new)
        lines = old.decode("utf-8", "replace").splitlines()
        if lines:
            put("shinkyu_docx", docx(lines[:200]))
    cells = set()
    for p in csv_files():
        data = p.read_bytes()
        put("kpi_csv", data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp932")
        for row in csv.reader(io.StringIO(text)):
            cells.update(c for c in row if c.strip() and len(c) < 80)
    for i, cell in enumerate(sorted(cells)[:400]):
        put("kpi_value", cell.encode())
        if i % 3 == 0:
            put("kpi_value", f"{cell}\t{cell}\t0".encode())
    for p in sorted((ROOT / "tests/fixtures/kpi").glob("*.xlsx")):
        put("kpi_xlsx", p.read_bytes())
    for pages, rotate, outline, compress in [(1, 0, False, False), (3, 90, True, True), (2, 270, True, False)]:
        put("pdf_import", pdf(pages, rotate, outline, compress))
    # Word parts of the LibreOffice-made .docx fixtures: document.xml alone (tables, tracked changes) and
    # document, numbering and styles joined by NUL bytes (numbering).
    for p in sorted((ROOT / "tests/fixtures/docx").glob("*/*.docx")):
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            part = lambda n: z.read(n) if n in names else b""
            document = part("word/document.xml")
            put("docx_tables", document)
            put("docx_numbering", document + b"\0" + part("word/numbering.xml") + b"\0" + part("word/styles.xml"))
            put("shinkyu_docx", p.read_bytes())
    # Inputs that once crashed a target (kept as regression tests) are seeds too.
    for d in sorted(p for p in (ROOT / "tests/fixtures/fuzz-regressions").glob("*") if p.is_dir()):
        for p in sorted(d.iterdir()):
            put(d.name, p.read_bytes())
    for d in sorted(CORPUS.iterdir()):
        print(f"fuzz seeds: {d.name}: {len(list(d.iterdir()))} files")


if __name__ == "__main__":
    main()
