#pragma once

#include "catalog/propertysheet.h"

#include <QString>

#include <vector>

namespace bulkhead {

/** One section of the property editor: its title and its rows, in catalog order. */
struct PropertySectionPlan
{
    QString title;
    std::vector<const SheetRow *> rows;
};

/** "Identity", "Runtime security", …; empty for Unspecified. */
QString propertyTopicTitle(PropertyTopic topic);

/**
 * The sheet's catalog rows in sections by their catalog topic (PropertySpec::topic): identity,
 * image, runtime security, network, data, in that order; then the topics of the kind the items
 * are deployed as, titled after it ("Container · Image"); notes last. A row without a topic goes
 * where the catalog's structure puts it: "General", its prefix ("Image"), or its kind.
 */
std::vector<PropertySectionPlan> planPropertySections(const PropertySheet &sheet);

} // namespace bulkhead
