#pragma once

#include <QFrame>
#include <QList>

class QAbstractScrollArea;
class QAction;

namespace bulkhead {

class Document;

/**
 * What to do first, over an empty canvas: open an example, import Compose files or manifests,
 * or draw from the stencil. It hides as soon as the model has
 * an element or a boundary, and comes back when it has none again.
 */
class EmptyCanvasHint : public QFrame
{
    Q_OBJECT

public:
    /** `openExample` opens an example; `imports` each import deployment files. */
    EmptyCanvasHint(QAbstractScrollArea *view, const Document *document, QAction *openExample,
                    const QList<QAction *> &imports);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void recentre();

    QAbstractScrollArea *m_view;
    const QObject *m_viewport;
    const Document *m_document;
};

} // namespace bulkhead
