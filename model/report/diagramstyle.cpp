#include "diagramstyle.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bulkhead {

std::string DiagramColor::hex() const
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", std::clamp(red, 0, 255),
                  std::clamp(green, 0, 255), std::clamp(blue, 0, 255));
    return buffer;
}

DiagramColor mixDiagramColors(DiagramColor a, DiagramColor b, double amount)
{
    auto channel = [amount](int from, int to) {
        return static_cast<int>(std::lround(from * (1 - amount) + to * amount));
    };
    return {channel(a.red, b.red), channel(a.green, b.green), channel(a.blue, b.blue)};
}

DiagramColor boundaryHue(std::string_view kind)
{
    if (kind == "internet")
        return {200, 70, 60};
    if (kind == "cloud-account")
        return {90, 120, 200};
    if (kind == "cluster")
        return {60, 140, 170};
    if (kind == "namespace")
        return {120, 150, 60};
    if (kind == "host")
        return {180, 120, 40};
    if (kind == "container-network")
        return {140, 90, 180};
    return {120, 120, 120};
}

DiagramColor elementRoleTint(ElementRole role)
{
    switch (role) {
    case ElementRole::ExternalEntity:
        return {150, 110, 200};
    case ElementRole::DataStore:
        return {60, 160, 110};
    case ElementRole::Process:
    case ElementRole::Boundary:
        break;
    }
    return {70, 130, 210};
}

} // namespace bulkhead
