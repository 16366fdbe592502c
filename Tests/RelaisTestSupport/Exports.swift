// Tests read mail back with `RelaisMail.MIMEReader`, the reader the staff's letter opener uses too.
@_exported import RelaisMail
