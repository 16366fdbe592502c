// placeholder for first resolve
