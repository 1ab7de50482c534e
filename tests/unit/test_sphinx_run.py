"""The Sphinx builders are forked from the build process: what that process leaves for its
garbage collector must not be finalised in a builder (a kernel client's zmq context finalised
there made traitlets write a warning into the build log, and the strict build failed)."""

from __future__ import annotations

import gc
import os
import sys
import weakref

from daisen_taiko.engine import sphinx


class FinalisedElsewhere:
    """Cyclic garbage that says so on stderr when it is finalised in a process other than the
    one that made it (as the kernel client's zmq context did)."""

    def __init__(self):
        self.me = self
        self.pid = os.getpid()

    def __del__(self):
        if os.getpid() != self.pid:
            sys.stderr.write("WARNING: finalised in a forked builder\n")


def small_book(root):
    (root / "_config.yml").write_text('title: 試験\nexecute:\n  execute_notebooks: "off"\n', encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (root / "index.md").write_text("# 試験\n\n本文。\n", encoding="utf-8")
    return root


def test_garbage_of_the_build_process_is_not_finalised_in_a_builder(tmp_path):
    stage = small_book(tmp_path)
    garbage = FinalisedElsewhere()
    alive = weakref.ref(garbage)
    gc.collect()  # now in the oldest generation, as a client left from the notebook stage is
    del garbage
    assert alive() is not None  # still there for a collector to find when the builder is forked
    sphinx.run([sphinx.Job(str(stage), "html", "試験の Web 版", str(tmp_path / "html.log"))], lambda _msg: None)
    assert alive() is None  # finalised here, in the build process (a builder would have warned)
