#include "kindiconfiles.h"

#include <string>

namespace bulkhead {

std::string_view kindIconSvg(std::string_view kind)
{
    const std::string fileName = std::string(kind) + ".svg";
    for (const EmbeddedFile &file : embeddedKindIcons()) {
        if (file.name == fileName)
            return file.content;
    }
    return {};
}

} // namespace bulkhead
