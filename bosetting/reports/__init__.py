"""Reports: figures aggregated in the database, shown with a chart and exported to XLSX, CSV and PDF.

How a report is made (the toolkit; see "Anmodninger og vedtak" in requests_and_decisions.py):

1. Compute rows in the database (queries.py): Sum/Count over a queryset scoped to the user.
2. Build a `table.Report(title, subtitle, columns=[Column(header, Kind.X)], rows, totals,
   chart=charts.grouped_bar_chart(...), filename=..., row_links=...)`.
3. Render the page with `{% include "reports/_report.html" %}` (context: `report`, `exports`) and
   answer downloads with `exports.export_response(report, "xlsx" | "csv" | "pdf")`, building the
   report from the same GET parameters, so the file holds exactly what the page shows.
"""
