#pragma once

// Internal to the Compose import: the flows between services. depends_on and links say that a
// service talks to another; so do environment values that name one (DB_HOST=db,
// API_URL=http://api:8080) and the network aliases such a value may use instead of its name.

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/connectionurl.h"
#include "import/importmodelbuilder.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

/** The protocol a well-known product speaks ("postgres" for postgres), or "other". */
std::string protocolForProduct(const std::string &product);

/** A host an environment value names, with what the value says about the connection to it. */
struct HostReference
{
    std::string host;
    std::optional<long> port;
    /** The scheme of the URL the host is in, when the import knows it (lower case); else empty. */
    std::string scheme;
    /** What the URL's query says about TLS (sslmode=require), when the scheme is known. */
    std::optional<UrlTls> tls;
};

/**
 * The hosts a variable's value names: the host of a URL (userinfo dropped, a list of hosts
 * split), or, for a variable named like a host (`*_HOST`, `*_ADDR`, `*_SERVER`, `*_URL`, and
 * their plural and long forms), a value that is `host` or `host:port` or a comma-separated list
 * of them. Anything else names none: a variable MODE=api does not point at a service api.
 */
std::vector<HostReference> hostsNamedBy(const std::string &variable, const std::string &value);

/**
 * Adds one flow per caller, callee and port, from every reason that shows the call: depends_on,
 * links, an environment value naming the callee or one of its network aliases. Each reason
 * becomes a note on the flow and, for the environment and aliases, a line of the import report
 * at its file and line, naming the variable and never quoting its value: it may hold a
 * password (postgres://user:pw@db/app).
 */
class ComposeFlowInference
{
public:
    ComposeFlowInference(ComposeInput &input, ImportModelBuilder &builder)
        : m_input(input)
        , m_builder(builder)
    {}

    /** Call after the networks were added: a service's networks include "default" by then. */
    void addFlows(const std::vector<ComposeService> &services);

private:
    /** Why a caller is taken to call a callee, and what that reason says about the connection. */
    struct Reason
    {
        std::optional<long> port;
        std::string protocol;  ///< empty: this reason does not tell
        std::string encrypted; ///< "yes", "no", or empty: this reason does not tell
        std::string note;
        /** depends_on: the service starts after the other, which is no evidence of data. */
        const YamlNode *startOrderAt = nullptr;
    };
    /** The reasons per callee of one caller, callees in the order their first reason came. */
    struct Calls
    {
        std::vector<std::size_t> callees;
        std::map<std::size_t, std::vector<Reason>> reasons;
        void add(std::size_t callee, Reason reason);
    };

    void indexAliases();
    void addDependencies(std::size_t caller, Calls &calls);
    void addEnvironment(std::size_t caller, Calls &calls);
    /** Turns a depends_on reason into a data reason when the caller's environment names the
     *  dependency as a host (settingMentioningHost). */
    void noteHostMention(const ComposeService &service, const std::string &dependency,
                         Reason &reason);
    /** The service a host names for `caller`, with how it names it ("" for by its name). */
    std::optional<std::size_t> resolve(std::size_t caller, const std::string &host,
                                       std::string &how) const;
    void emit(std::size_t caller, std::size_t callee, const std::vector<Reason> &reasons);

    ComposeInput &m_input;
    ImportModelBuilder &m_builder;
    const std::vector<ComposeService> *m_services = nullptr;
    std::map<std::string, std::size_t> m_byName;
    /** Host names are not case-sensitive. */
    std::map<std::string, std::size_t> m_byLowerName;
    /** Per network, the services by the aliases they have on it (lower case). */
    std::map<std::string, std::map<std::string, std::size_t>> m_aliases;
    /** Per caller, the names its links give other services (links: ["db:database"]). */
    std::map<std::size_t, std::map<std::string, std::size_t>> m_linkAliases;
};

} // namespace bulkhead
