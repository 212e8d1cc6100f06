#include "portprotocol.h"

#include "catalog/imagetable.h"

#include <map>

namespace bulkhead {

namespace {

std::string tableProtocol(const WellKnownImage &image, long port)
{
    if (port <= 0)
        return image.ports.empty() ? std::string() : image.ports.front().protocol;
    for (const ImagePort &known : image.ports)
        if (known.port == port)
            return known.protocol;
    return {};
}

std::string wellKnownTcpProtocol(long port)
{
    static const std::map<long, std::string> byPort{
        {22, "ssh"},         {53, "dns"},         {80, "http"},       {443, "https"},
        {2375, "dockerApi"}, {2376, "dockerApi"}, {2379, "etcd"},     {3000, "http"},
        {3306, "mysql"},     {5000, "http"},      {5432, "postgres"}, {5672, "amqp"},
        {6379, "redis"},     {6443, "kubeApi"},   {8000, "http"},     {8080, "http"},
        {8443, "https"},     {9092, "kafka"}};
    if (const auto it = byPort.find(port); it != byPort.end())
        return it->second;
    return "tcp";
}

std::string wellKnownUdpProtocol(long port)
{
    static const std::map<long, std::string> byPort{{53, "dns"},     {67, "dhcp"},
                                                    {68, "dhcp"},    {500, "ipsec"},
                                                    {4500, "ipsec"}, {51820, "wireguard"}};
    if (const auto it = byPort.find(port); it != byPort.end())
        return it->second;
    return "udp";
}

} // namespace

std::string portProtocol(long port, std::string_view transport, const WellKnownImage *image)
{
    if (image) {
        std::string fromTable = tableProtocol(*image, port);
        if (port <= 0)
            return fromTable.empty() ? "other" : fromTable;
        if (!fromTable.empty() && fromTable != "other")
            return fromTable;
    }
    return transport == "udp" ? wellKnownUdpProtocol(port) : wellKnownTcpProtocol(port);
}

} // namespace bulkhead
