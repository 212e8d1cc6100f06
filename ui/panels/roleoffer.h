#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace bulkhead {

class Document;

/**
 * The property editor's one-line offer for a single plain container whose image is well known:
 * "postgres is a database: treat this container as a database deployed as a container?" and a
 * button that makes it so in one undoable step (ChangeKindCommand). Null when there is nothing
 * to offer.
 */
QWidget *makeRoleOffer(Document *document, const QStringList &ids, QWidget *parent);

/** Changes when the offer would: the offered element and role; empty when there is none. */
QString roleOfferKey(const Document *document, const QStringList &ids);

} // namespace bulkhead
