#pragma once

#include "catalog/catalog.h"
#include "testfiles.h"

#include <QtGlobal>

namespace bulkhead::test {

/** The built-in catalog with tests/data/<relative> on top. A catalog that does not load ends
 *  the test run: every test of the file depends on it. */
inline Catalog catalogWithTestFile(const QString &relative)
{
    CatalogLoad load = loadCatalog({dataPath(relative).toStdString()});
    if (!load.catalog)
        qFatal("%s", load.errors.front().c_str());
    return std::move(*load.catalog);
}

} // namespace bulkhead::test
