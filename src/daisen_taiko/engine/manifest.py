"""Content hashes of a build's inputs and outputs, and what a reader needs to reproduce the
bytes elsewhere: Python and package versions, the TeX engine and dvipdfmx, the operating
system (Debian release), and every font the PDFs embed with its file's hash.

The manifest is deterministic (no times, no paths of the project): its input section changes
when, and only when, an input file changes.  The same hashing keys the execution cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from daisen_taiko import package_dir, project_root

PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "myst-parser",
    "papermill",
    "pandas",
    "matplotlib",
    "matplotlib-fontja",
    "numpy",
    "ipykernel",
    "nbformat",
)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def digest(items: dict[str, str]) -> str:
    """One hash over a name → hash mapping (order-independent)."""
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode("utf-8")).hexdigest()


def _files(root: Path, pattern: str) -> list[Path]:
    return sorted(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def code_files() -> list[Path]:
    """What every notebook's output depends on besides its own source and data:
    the package code, the locked dependency versions."""
    root = project_root()
    src = package_dir()
    files = _files(src, "**/*.py")
    lock = root / "requirements.lock"
    return files + ([lock] if lock.exists() else [])


def input_files(edition: str) -> list[Path]:
    """The files of the project's inputs (:data:`~daisen_taiko.inputs.paths.PROJECT_INPUTS`) this
    edition reads: its own parameter file, the data files of its data folder, every other file,
    and the code."""
    from daisen_taiko.inputs.paths import PROJECT_INPUTS, data_dir

    root = project_root()
    files = []
    for name in PROJECT_INPUTS:
        if name == "parameters":
            files.append(root / "parameters" / f"{edition}.yaml")
        elif name == "data":
            files += _files(data_dir(), "*.csv")
        elif (root / name).is_dir():
            files += [p for p in _files(root / name, "**/*") if ".ipynb_checkpoints" not in p.parts]
        elif name not in ("requirements.lock",):  # with the code
            files.append(root / name)
    return files + code_files()


def _name(p: Path) -> str:
    root = project_root()
    src = package_dir()
    try:
        return str(p.resolve().relative_to(root))
    except ValueError:
        return "src/daisen_taiko/" + str(p.resolve().relative_to(src))


def hash_files(files: list[Path]) -> dict[str, str]:
    return {_name(p): sha256(p) for p in files}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "未インストール"
    for tool in ("uplatex", "dvipdfmx"):
        try:
            proc = subprocess.run([tool, "--version"], capture_output=True, text=True)
            first = (proc.stdout or proc.stderr).splitlines()
            out[tool] = first[0] if first else "?"
        except OSError:
            out[tool] = "未インストール"
    os_release = Path("/etc/os-release")
    if os_release.exists():
        fields = dict(line.split("=", 1) for line in os_release.read_text().splitlines() if "=" in line)
        out["os"] = fields.get("PRETTY_NAME", "?").strip('"')
    debian = Path("/etc/debian_version")
    if debian.exists():
        out["debian_version"] = debian.read_text().strip()
    return out


@functools.cache
def _type1_map() -> dict[str, str]:
    """PostScript font name → font file, from the map dvipdfmx reads (pdftex.map)."""
    try:
        path = subprocess.run(["kpsewhich", "pdftex.map"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return {}
    out = {}
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines() if path else []:
        parts = line.split()
        files = [p[1:] for p in parts if p.startswith("<") and p.endswith((".pfb", ".otf"))]
        if len(parts) > 1 and files:
            out.setdefault(parts[1], files[-1])
    return out


def _ipaex() -> Path | None:
    from importlib.util import find_spec

    spec = find_spec("matplotlib_fontja")  # located, not imported (that would import matplotlib)
    hit = sorted(Path(spec.origin).parent.rglob("ipaexg.ttf")) if spec and spec.origin else []
    return hit[0] if hit else None


def font_files(names: list[str]) -> dict[str, Path | None]:
    """The files of the fonts a PDF embeds: the figures' font from matplotlib-fontja, TeX's through
    one kpsewhich call (by file name, or through the font map for Type 1 fonts such as TeX Gyre)."""
    candidates = {
        name: [f"{b}{ext}" for b in (name, name.lower()) for ext in (".otf", ".ttf", ".pfb")]
        + ([_type1_map()[name]] if name in _type1_map() else [])
        for name in names
        if name != "IPAexGothic"
    }
    asked = sorted({file for files in candidates.values() for file in files})
    try:
        found = subprocess.run(["kpsewhich", *asked], capture_output=True, text=True).stdout.split() if asked else []
    except OSError:
        found = []
    by_file = {Path(f).name: Path(f) for f in found}
    out = {name: next((by_file[f] for f in files if f in by_file), None) for name, files in candidates.items()}
    if "IPAexGothic" in names:
        out["IPAexGothic"] = _ipaex()
    return out


def _label(path: Path) -> str:
    """A font file named without the project's own path (the venv's fonts by their package)."""
    parts = path.parts
    return "/".join(parts[parts.index("site-packages") + 1 :]) if "site-packages" in parts else str(path)


def fonts(pdfs: list[Path]) -> dict[str, dict[str, str]]:
    """Every font embedded in ``pdfs``: its file and the file's hash."""
    names = set()
    for pdf in pdfs:
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        names.update(re.sub(r"^[A-Z]{6}\+", "", row.split()[0]).removesuffix("-Identity-H") for row in rows)
    return {
        name: {"file": _label(path) if path else "見つかりません", "sha256": sha256(path) if path else ""}
        for name, path in sorted(font_files(sorted(names)).items())
    }


def published(docs, out_dir: Path, edition) -> dict[str, dict]:
    """Each declared document: its title, audience and the folders and PDF it is published as."""
    out = {}
    for doc in docs:
        entry = {"label": doc.label, "title": doc.title(edition), "audience": doc.audience}
        if "html" in doc.builders:
            entry["html"] = str(doc.html_dir(out_dir).relative_to(out_dir))
        if "pdf" in doc.builders:
            entry["pdf"] = str(doc.pdf_path(out_dir, edition).relative_to(out_dir))
        out[doc.name] = entry
    return out


def build_manifest(edition: str, out_dir: Path, documents: dict | None = None) -> dict:
    inputs = hash_files(input_files(edition))
    outputs = {str(p.relative_to(out_dir)): sha256(p) for p in _files(out_dir, "**/*") if p.name != "manifest.json"}
    return {
        "edition": edition,
        "documents": documents or {},
        "inputs_digest": digest(inputs),
        "inputs": inputs,
        "outputs": outputs,
        "versions": versions(),
        "fonts": fonts(sorted(out_dir.rglob("*.pdf"))),
    }


def write_manifest(edition: str, out_dir: Path, documents: dict | None = None) -> dict:
    """The manifest of ``out_dir``, listing the documents it publishes (:func:`published`)."""
    manifest = build_manifest(edition, out_dir, documents)
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def up_to_date(edition: str) -> bool:
    """True when ``_build/<edition>`` was built from exactly the current inputs and tools."""
    final = project_root() / "_build" / edition
    try:
        old = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if old.get("inputs") != hash_files(input_files(edition)) or old.get("versions") != versions():
        return False
    recorded = old.get("fonts", {})
    for name, path in font_files(sorted(recorded)).items():
        if path is None or sha256(path) != recorded[name]["sha256"]:
            return False
    return all((final / name).exists() and sha256(final / name) == h for name, h in old.get("outputs", {}).items())
