"""Languages by lines of code: comments and prose left out, SQL counted wherever it runs."""

from __future__ import annotations

import json

from nhsoa.interop.linecount import count_file, count_files, select


def _count(path: str, text: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for language, lines in count_file(path, text.encode()):
        totals[language] = totals.get(language, 0) + lines
    return totals


def test_blank_and_comment_only_lines_are_not_code() -> None:
    python = "# a comment\n\nimport os\n\n    # indented comment\nprint(os.sep)  # trailing comment counts\n"
    r_code = "#' roxygen\nf <- function(x) {\n  x + 1\n}\n"
    assert _count("a.py", python) == {"Python": 2}
    assert _count("R/f.R", r_code) == {"R": 3}


def test_sql_block_and_line_comments() -> None:
    sql = "/* header\n   more header */\n-- note\nSELECT a /* inline */\nFROM t; /* one-line */\n"
    assert _count("q.sql", sql) == {"SQL": 2}


def test_databricks_notebook_cells_count_as_the_language_they_run() -> None:
    notebook = "\n".join(
        [
            "# Databricks notebook source",
            "x = 1",
            "# COMMAND ----------",
            "# DBTITLE 1,Reference data",
            "# MAGIC %sql",
            "# MAGIC SELECT *",
            "# MAGIC FROM t",
            "# COMMAND ----------",
            " %sql",  # an export with the MAGIC prefix already stripped
            " SELECT 1",
            "# COMMAND ----------",
            "# MAGIC %md",
            "# MAGIC # Heading",
        ]
    )
    assert _count("notebooks/prep.py", notebook) == {"Python": 1, "SQL": 3}


def test_jupyter_cells_by_magic_and_kernel_and_markdown_left_out() -> None:
    notebook = {
        "metadata": {"kernelspec": {"language": "R"}},
        "cells": [
            {"cell_type": "markdown", "source": ["# Title\n", "prose\n"]},
            {"cell_type": "code", "source": ["library(dplyr)\n", "x <- 1\n"]},
            {"cell_type": "code", "source": "%%sql\nSELECT 1\nFROM t\n"},
        ],
    }
    assert _count("analysis.ipynb", json.dumps(notebook)) == {"R": 2, "SQL": 2}
    assert _count("broken.ipynb", "{not json") == {}


def test_quarto_and_r_markdown_count_chunks_not_prose() -> None:
    document = (
        "Prose line\n```{r setup}\nlibrary(x)\n```\nMore prose\n"
        "```{python}\nimport y\nz = 1\n```\n```{sql}\nSELECT 1\n```\n"
    )
    assert _count("report.qmd", document) == {"R": 1, "Python": 2, "SQL": 1}


def test_vendored_generated_and_built_site_files_are_not_selected() -> None:
    paths = [
        "R/f.R",
        "node_modules/lib/index.js",
        "renv/activate.R",
        "docs/pkgdown.yml",
        "docs/deps/jquery.js",
        "docs/articles/page.js",
        "vignettes/intro_files/header.js",
        "app/www/plot.min.js",
        "src/app.ts",
        "README.md",
        "data/table.csv",
    ]
    assert select(paths) == ["R/f.R", "src/app.ts"]


def test_minified_and_binary_files_count_nothing() -> None:
    assert _count("bundle.js", "var a=1;" * 200) == {}
    assert list(count_file("x.py", b"\x00\x01binary")) == []


def test_totals_are_sorted_largest_first() -> None:
    files = [("a.py", b"a = 1\nb = 2\n"), ("b.sql", b"SELECT 1\nFROM t\nWHERE x\n"), ("c.R", b"x <- 1\n")]
    assert count_files(files) == [("SQL", 3), ("Python", 2), ("R", 1)]
