#pragma once

// The one guess both importers make about what a port carries when nothing names its protocol:
// the table of well-known images first, then the port's well-known use.

#include <string>
#include <string_view>

namespace bulkhead {

struct WellKnownImage;

/**
 * The flow protocol a service most likely speaks on `port` over `transport` ("tcp" or "udp"):
 * what the table says `image` speaks on that port (with port 0, on its first default port),
 * unless the table says "other"; then the port's well-known use: "postgres" for 5432, "https"
 * for 443, "dns" for 53/udp, …; else "tcp" or "udp". `image` is null where the caller does not
 * know the image or does not judge by it; with port 0 and an image the table names no protocol
 * for, "other".
 */
std::string portProtocol(long port, std::string_view transport,
                         const WellKnownImage *image = nullptr);

} // namespace bulkhead
