package dev.steward.spi;

/**
 * The stored form of one entity type: a JSON document that a store keeps as it is and gives back
 * unchanged. Core owns the format (a store never writes its own), so every store reads what
 * another wrote; usage telemetry is not part of the document (see {@link EntityUsage}).
 *
 * @param <E> the entity
 */
public interface EntityCodec<E> {
    /**
     * Writes an entity's document.
     *
     * @param entity the entity
     * @return its document, without usage telemetry
     */
    String encode(E entity);

    /**
     * Reads a document {@link #encode} wrote.
     *
     * @param document the stored document
     * @return the entity, with no usage recorded
     * @throws IllegalStateException if the document is not one this codec wrote
     */
    E decode(String document);
}
