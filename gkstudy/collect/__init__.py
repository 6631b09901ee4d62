"""Collect reports from government web sites, with the provenance of every file (SOURCES.csv).

``crawl.collect_to_dir`` walks listing page → report page → attachment on one site at a time, politely
(robots.txt, a delay per host, one connection, bounded retries) and resumably; ``links`` decides which
links matter, ``fetch`` does the HTTP, ``sniff`` checks bytes against what a link promised, ``names``
makes file names, ``sources`` keeps SOURCES.csv and ``inputs`` reads the URLs to start from.
"""
