#pragma once

// What a connection URL's scheme and query say about the connection, shared by the Compose and
// Kubernetes imports. Pure functions: the URL's text is read in memory and never kept.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bulkhead {

/** What a URL scheme says about the connection. */
struct UrlScheme
{
    /** The flow protocol it names ("redis" for rediss), or nothing (mongodb: no such protocol). */
    std::optional<std::string> protocol;
    /** "yes" over TLS (https, rediss, amqps…), "no" for its plain twin, nothing when the scheme
     *  leaves it to the query (postgres://…?sslmode=require) or does not say. */
    std::optional<std::string> encrypted;
    /** The port a client connects to when the URL gives none. */
    std::optional<std::int64_t> defaultPort;
};

/** The facts of a lower-case scheme without "://", or nothing for a scheme no table knows. */
std::optional<UrlScheme> urlScheme(std::string_view scheme);

/** What a connection string's query says about TLS. */
struct UrlTls
{
    /** "yes": the client requires TLS; "no": TLS is off or only tried (not enforced). */
    std::string encrypted;
    /** The parameter as a reader may be shown it, "sslmode=require": never a credential. */
    std::string parameter;
};

/**
 * The TLS setting in a URL's query: PostgreSQL's sslmode (require, verify-ca, verify-full
 * enforce it; disable, allow, prefer do not), MySQL's ssl-mode (REQUIRED, VERIFY_CA,
 * VERIFY_IDENTITY; DISABLED, PREFERRED), and ssl / tls = true or false (MongoDB, MySQL
 * drivers). Nothing when the query says nothing about TLS or says it twice in different ways.
 */
std::optional<UrlTls> urlTlsSetting(std::string_view url);

} // namespace bulkhead
