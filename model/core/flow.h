#pragma once

#include "geometry.h"
#include "propertyvalue.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Which end of a flow opens the connection that carries it. Data still moves source → target
 * (both ways when bidirectional); an image pull is data from the registry on a connection the
 * runtime opens, so its initiator is the target.
 */
enum class FlowInitiator { Source, Target };

/** The file key of an initiator: "source" or "target". */
constexpr std::string_view flowInitiatorKey(FlowInitiator initiator)
{
    return initiator == FlowInitiator::Target ? "target" : "source";
}

/** The initiator a file key names, or nothing for any other text. */
inline std::optional<FlowInitiator> flowInitiatorFromKey(std::string_view key)
{
    if (key == "source")
        return FlowInitiator::Source;
    if (key == "target")
        return FlowInitiator::Target;
    return std::nullopt;
}

/** A data flow between two elements; bidirectional flows carry data both ways. */
struct Flow
{
    std::string id;
    std::string name;
    std::string source;
    std::string target;
    bool bidirectional = false;
    PropertyMap properties;
    /** Optional bend points of the drawn connector, in scene coordinates. */
    std::vector<Point> points;
    /** Who opens the connection; exposure follows connections, not the data's direction. */
    FlowInitiator initiator = FlowInitiator::Source;
    friend bool operator==(const Flow &, const Flow &) = default;
};

} // namespace bulkhead
