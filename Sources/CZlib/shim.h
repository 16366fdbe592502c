// Debian's zlib (zlib1g-dev): raw inflate, to read office documents' ZIP entries with a cap.
#include <zlib.h>
