"""取組計画 and 進捗 exchanged with the departments as Excel workbooks.

``python -m daisen_taiko.intake template`` writes the workbook the departments fill in,
``python -m daisen_taiko.intake read FILE…`` checks the returned workbooks and writes
``data/initiative_plans.csv``, ``initiative_schedule.csv`` and ``initiative_progress.csv``;
:mod:`daisen_taiko.plans.views` turns those files into the tables and charts of the book.
The layout both sides share (sheet names, column headings) is :mod:`daisen_taiko.plans`.
"""
