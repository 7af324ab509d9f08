"""The year's figures and everything that shows them (page, drill-downs, .docx, .xlsx)."""
