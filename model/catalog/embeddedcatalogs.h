#pragma once

#include <string_view>
#include <vector>

namespace bulkhead {

struct EmbeddedFile
{
    std::string_view name;
    std::string_view content;
};

/** The files of catalogs/, compiled in by the build (see cmake/EmbedFiles.cmake). */
const std::vector<EmbeddedFile> &embeddedCatalogFiles();

} // namespace bulkhead
