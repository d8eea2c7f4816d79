"""Reports: the Excel workbook and the PDF synthesis, both built from one aggregate."""
