package dev.steward.tokens.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What both endpoints read the same way: the one value of a header field, the media type, strict UTF-8. */
final class Http {
    static final String POST = "POST";

    private Http() {
    }

    /**
     * {@return the value of a header field sent once; empty when absent}
     *
     * @throws BadRequest if it was sent more than once
     */
    static Optional<String> single(EndpointRequest request, String name) {
        List<String> values = request.headers(name);
        if (values.size() > 1) {
            throw new BadRequest("the " + name + " header is repeated");
        }
        return values.stream().findFirst();
    }

    /**
     * {@return whether the request's one Content-Type is this media type, with no parameter but
     *     an optional {@code charset=utf-8}}
     */
    static boolean hasMediaType(EndpointRequest request, String type) {
        List<String> values = request.headers("Content-Type");
        if (values.size() != 1) {
            return false;
        }
        String[] parts = values.get(0).split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(type)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!param.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return the bytes as UTF-8 text}
     *
     * @throws BadRequest if they are not well-formed UTF-8
     */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("the body is not well-formed UTF-8");
        }
    }
}
