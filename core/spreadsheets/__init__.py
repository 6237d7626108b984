"""Spreadsheets organizers send and receive (CSV and XLSX): reading a file into a sheet of cells, recognising its
columns by their English or Chinese headers, reading Wuzhen times, and writing a sheet that spreadsheet programs
open without running anything in it. The apps' import-export resources (forums, guests) build on these."""
