#include "worstcases.h"

#include <random>

namespace bulkhead::worstcase {

namespace {

Element element(const std::string &id, const std::string &boundary)
{
    Element e;
    e.id = id;
    e.kind = "container";
    e.name = id;
    e.boundary = boundary;
    return e;
}

Flow flow(const std::string &id, const std::string &source, const std::string &target)
{
    Flow f;
    f.id = id;
    f.name = id;
    f.source = source;
    f.target = target;
    return f;
}

} // namespace

ThreatModel nestedBoundaries(std::size_t depth)
{
    ThreatModel model;
    for (std::size_t i = 0; i < depth; ++i) {
        Boundary b;
        b.id = "b" + std::to_string(i);
        b.kind = "trust-zone";
        b.name = b.id;
        b.parent = i ? "b" + std::to_string(i - 1) : std::string();
        model.addBoundary(std::move(b));
    }
    model.addElement(element("deep", depth ? "b" + std::to_string(depth - 1) : std::string()));
    model.addElement(element("top", depth ? "b0" : ""));
    model.addFlow(flow("calls", "deep", "top"));
    return model;
}

std::string nestedBoundariesText(std::size_t depth)
{
    std::string text = "{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 1,\n\"boundaries\": [\n";
    for (std::size_t i = 0; i < depth; ++i) {
        text += std::string(i ? ",\n" : "") + "{\"id\": \"b" + std::to_string(i) + "\", \"kind\": \"trust-zone\", \"parent\": \""
                + (i ? "b" + std::to_string(i - 1) : std::string()) + "\"}";
    }
    text += "],\n\"elements\": [{\"id\": \"deep\", \"kind\": \"container\", \"boundary\": \"b" + std::to_string(depth ? depth - 1 : 0)
            + "\"}, {\"id\": \"top\", \"kind\": \"container\", \"boundary\": \"b0\"}],\n"
              "\"flows\": [{\"id\": \"calls\", \"source\": \"deep\", \"target\": \"top\"}]}\n";
    return text;
}

ThreatModel boundaryCycle(std::size_t length)
{
    ThreatModel model;
    for (std::size_t i = 0; i < length; ++i) {
        Boundary b;
        b.id = "c" + std::to_string(i);
        b.kind = "trust-zone";
        b.parent = "c" + std::to_string((i + 1) % length);
        model.addBoundary(std::move(b));
    }
    return model;
}

ThreatModel longTexts(std::size_t nameBytes, std::size_t notesBytes)
{
    ThreatModel model;
    Element named = element("named", "");
    named.name = std::string(nameBytes, 'x');
    named.properties["notes"] = std::string(notesBytes, 'n');
    named.properties["privileged"] = true;
    model.addElement(std::move(named));
    Element client = element("client", "");
    client.kind = "external-user";
    model.addElement(std::move(client));
    model.addFlow(flow("uses", "client", "named"));
    return model;
}

ThreatModel farApart(double farY)
{
    ThreatModel model;
    Element near = element("near", "");
    near.geometry = {0, 0, 140, 70};
    model.addElement(std::move(near));
    Element far = element("far", "");
    far.geometry = {0, farY, 140, 70};
    model.addElement(std::move(far));
    model.addFlow(flow("across", "near", "far"));
    return model;
}

ThreatModel manyElements(std::size_t count, std::size_t flows)
{
    ThreatModel model;
    for (std::size_t i = 0; i < count; ++i)
        model.addElement(element("e" + std::to_string(i), ""));
    for (std::size_t i = 0; i < flows && count > 1; ++i)
        model.addFlow(flow("f" + std::to_string(i), "e" + std::to_string(i % count), "e" + std::to_string((i + 1) % count)));
    return model;
}

std::string serviceOnNetworks(std::size_t networks)
{
    std::string text = "services:\n  web:\n    image: example/web:1\n    networks:\n";
    for (std::size_t i = 0; i < networks; ++i)
        text += "      - net" + std::to_string(i) + "\n";
    text += "networks:\n";
    for (std::size_t i = 0; i < networks; ++i)
        text += "  net" + std::to_string(i) + ": {}\n";
    return text;
}

std::string serviceWithPorts(std::size_t ports)
{
    std::string text = "services:\n  web:\n    image: example/web:1\n    ports:\n";
    for (std::size_t i = 0; i < ports; ++i)
        text += "      - \"" + std::to_string(i % 60000 + 1) + ":80\"\n";
    return text;
}

std::string servicesInARing(std::size_t services)
{
    std::string text = "services:\n";
    for (std::size_t i = 0; i < services; ++i) {
        text += "  s" + std::to_string(i) + ":\n    image: example/app:1\n    depends_on: [s" + std::to_string((i + 1) % services)
                + "]\n";
    }
    return text;
}

std::string servicesWithRandomDependencies(std::size_t services, std::size_t dependencies)
{
    std::mt19937 random(13);
    std::uniform_int_distribution<std::size_t> pick(0, services - 1);
    std::string text = "services:\n";
    for (std::size_t i = 0; i < services; ++i) {
        text += "  s" + std::to_string(i) + ":\n    image: example/app:1\n    depends_on:\n";
        for (std::size_t d = 0; d < dependencies; ++d) {
            std::size_t other = pick(random);
            if (other == i)
                other = (other + 1) % services;
            text += "      - s" + std::to_string(other) + "\n";
        }
    }
    return text;
}

std::string aliasedScalar(std::size_t scalarBytes, std::size_t aliases)
{
    std::string text = "x-big: &big \"" + std::string(scalarBytes, 'a') + "\"\nservices:\n  web:\n    image: example/web:1\n    labels:\n";
    for (std::size_t i = 0; i < aliases; ++i)
        text += "      l" + std::to_string(i) + ": *big\n";
    return text;
}

} // namespace bulkhead::worstcase
