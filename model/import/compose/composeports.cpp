#include "import/compose/composeports.h"

#include "import/importsupport.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace bulkhead {

std::optional<long> portDigits(std::string_view text)
{
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        }))
        return std::nullopt;
    return std::stol(std::string(text));
}

namespace {

/** A short-syntax port taken apart: [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]. */
struct PortParts
{
    std::string bind; ///< empty when none is given; an IPv6 address without its brackets
    std::vector<std::string> ports; ///< [HOST_PORT,] CONTAINER_PORT
    std::string protocol = "tcp";
};

/** The parts of a short-syntax port, or nothing with `problem` saying why. */
std::optional<PortParts> splitPort(std::string text, std::string &problem)
{
    PortParts port;
    if (const auto slash = text.rfind('/'); slash != std::string::npos) {
        port.protocol = lower(text.substr(slash + 1));
        text = text.substr(0, slash);
    }
    if (text.starts_with("[")) {
        const auto close = text.find(']');
        if (close == std::string::npos) {
            problem = "unterminated [";
            return std::nullopt;
        }
        port.bind = text.substr(1, close - 1);
        if (close + 1 >= text.size() || text[close + 1] != ':') {
            problem = "an IPv6 address in brackets must be followed by ':' and the ports";
            return std::nullopt;
        }
        text = text.substr(close + 2);
        port.ports = splitOn(text, ':');
        if (port.ports.size() > 2) {
            problem = "too many parts";
            return std::nullopt;
        }
        return port;
    }
    port.ports = splitOn(text, ':');
    if (port.ports.size() > 3) {
        problem = "too many parts";
        return std::nullopt;
    }
    if (port.ports.size() == 3) {
        port.bind = port.ports.front();
        port.ports.erase(port.ports.begin());
    }
    return port;
}

/** A port number from 1 to 65535 read from `text`, a piece of the scalar `at`. */
long readPortNumber(const ComposeInput &input, const YamlNode &at, const std::string &text)
{
    const std::optional<long> number = portDigits(text);
    if (!number)
        input.fail(at, input.quoted(at, text) + " is not a port number");
    if (*number < 1 || *number > 65535)
        input.fail(at, "port " + input.quoted(at, text) + " is out of range");
    return *number;
}

/** [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]; `bind` gets the address as Compose uses it. */
void readShortPort(ComposeInput &input, const ComposeService &service, const YamlNode &entry,
                   PublishedPort &port, std::string &bind)
{
    std::string problem;
    const std::optional<PortParts> parts = splitPort(entry.scalar, problem);
    if (!parts)
        input.fail(entry, problem + " in port " + input.quoted(entry));
    // The same parts as written, where they line up with the value's; else the whole text.
    std::string ignored;
    const std::optional<PortParts> written = splitPort(input.shown(entry), ignored);
    const bool aligned = written && written->ports.size() == parts->ports.size()
                         && written->bind.empty() == parts->bind.empty();
    port.protocol = parts->protocol;
    bind = parts->bind;
    if (!bind.empty())
        port.bind = aligned ? written->bind : input.shown(entry);
    if (parts->ports.size() >= 2)
        port.hostPort = parts->ports[parts->ports.size() - 2];
    const std::string containerPart = parts->ports.back();
    // Ranges ("8000-8010") publish each port; record the first and say so.
    const std::string first = containerPart.substr(0, containerPart.find('-'));
    port.containerPort = readPortNumber(input, entry, first);
    if (containerPart.find('-') != std::string::npos)
        input.mapped(entry, "service " + service.name + ": port range "
                                + (aligned ? written->ports.back() : input.shown(entry))
                                + " recorded by its first port");
    if (!port.hostPort.empty()) {
        // A range publishes each port of it; the first stands for all in the flow.
        const std::string firstHost = port.hostPort.substr(0, port.hostPort.find('-'));
        const long hostPort = readPortNumber(input, entry, firstHost);
        if (port.hostPort.find('-') != std::string::npos)
            readPortNumber(input, entry, port.hostPort.substr(port.hostPort.find('-') + 1));
        // Checked to be a number from 1 to 65535: recorded as that number, whatever its source.
        port.hostPort = std::to_string(hostPort);
    }
}

/** {target, published, host_ip, protocol, mode, …}; `protocolAt` gets where the protocol is. */
void readLongPort(const ComposeInput &input, const YamlNode &entry, PublishedPort &port,
                  std::string &bind, const YamlNode *&protocolAt)
{
    for (const auto &[key, value] : entry.entries) {
        const std::string &text = input.readText(value, "port " + key);
        if (key == "target") {
            port.containerPort = readPortNumber(input, value, text);
        } else if (key == "published") {
            port.hostPort = std::to_string(
                readPortNumber(input, value, text.substr(0, text.find('-'))));
        } else if (key == "host_ip") {
            bind = text;
            port.bind = input.shown(value);
        } else if (key == "protocol") {
            port.protocol = lower(text);
            protocolAt = &value;
        } else if (key != "mode" && key != "name" && key != "app_protocol"
                   && !key.starts_with("x-")) {
            input.fail(value, "unknown port key \"" + key + "\"");
        }
    }
    if (port.containerPort == 0)
        input.fail(entry, "a port in long syntax needs a target");
}

/** Adds the port to the service and, as `docker compose config` spells it, to publishedPorts. */
void publish(ComposeService &service, PublishedPort published, const std::string &bind)
{
    // Decided on the address itself; only its shown form is kept.
    published.loopback = bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
    published.allInterfaces = bind.empty() || bind == "0.0.0.0" || bind == "::";
    service.ports.push_back(published);
    PublishedPort port = published;
    if (!bind.empty() && port.bind.find(':') != std::string::npos && port.bind == bind)
        port.bind = "[" + port.bind + "]"; // as docker compose config writes IPv6 addresses
    // Duplicates go once every port is read (dropRepeatedPublishedPorts): checking each port
    // against all before it made a service with 50,000 ports cost over a billion comparisons.
    PropertyValue &list = service.properties["publishedPorts"];
    if (!std::holds_alternative<StringList>(list))
        list = StringList{};
    // No host port: Docker publishes on a random one, on all interfaces.
    std::get<StringList>(list).push_back(
        port.bind + ":" + (port.hostPort.empty() ? std::string("0") : port.hostPort) + "->"
        + std::to_string(port.containerPort) + "/" + port.protocol);
}

} // namespace

void mapPublishedPort(ComposeInput &input, ComposeService &service, const YamlNode &entry)
{
    if (!entry.isScalar() && !entry.isMapping())
        input.fail(entry,
                   "port entries must be text or a mapping, not " + std::string(entry.typeName()));
    PublishedPort port;
    port.at = &entry;
    std::string bind;
    const YamlNode *protocolAt = &entry;
    if (entry.isScalar())
        readShortPort(input, service, entry, port, bind);
    else
        readLongPort(input, entry, port, bind, protocolAt);
    if (port.protocol != "tcp" && port.protocol != "udp" && port.protocol != "sctp")
        input.fail(*protocolAt, "the protocol of a port is tcp, udp or sctp, not "
                                    + input.quoted(*protocolAt, port.protocol));
    publish(service, port, bind);
}

void dropRepeatedPublishedPorts(ComposeService &service)
{
    // As appendUnique would have kept them: the first of each, in order.
    if (const auto list = service.properties.find("publishedPorts");
        list != service.properties.end()) {
        if (auto *published = std::get_if<StringList>(&list->second)) {
            std::set<std::string> seen;
            published->erase(std::remove_if(published->begin(), published->end(),
                                            [&seen](const std::string &port) {
                                                return !seen.insert(port).second;
                                            }),
                             published->end());
        }
    }
}

void mapExposedPort(const ComposeInput &input, ComposeService &service, const YamlNode &item)
{
    if (!item.isScalar())
        input.fail(item, "expose entries must be ports");
    std::string text = item.scalar;
    const std::string protocol = text.find('/') != std::string::npos
                                     ? lower(text.substr(text.find('/') + 1))
                                     : "tcp";
    text = text.substr(0, text.find('/'));
    // A single port or a range "8000-8010".
    long first = 0;
    long last = 0;
    const auto dash = text.find('-');
    auto valid = [](const std::string &digits, long &port) {
        const std::optional<long> number = portDigits(digits);
        port = number.value_or(0);
        return port >= 1 && port <= 65535;
    };
    if (!valid(text.substr(0, dash), first)
        || (dash != std::string::npos && !valid(text.substr(dash + 1), last)))
        input.fail(item, input.quoted(item) + " is not a port (1-65535) or a range of ports");
    if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
        input.fail(item, "the protocol of an exposed port is tcp, udp or sctp, not "
                             + input.quoted(item, protocol));
    service.exposed.push_back(first);
    // Rebuilt from the numbers read, so that nothing else of the text is copied.
    appendUnique(service.properties, "requiredPorts",
                 std::to_string(first)
                     + (dash != std::string::npos ? "-" + std::to_string(last) : std::string())
                     + "/" + protocol);
}

} // namespace bulkhead
