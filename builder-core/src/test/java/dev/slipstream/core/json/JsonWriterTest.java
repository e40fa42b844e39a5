package dev.slipstream.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedDocumentsInInsertionOrderWithEscapes() {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        w.beginObject()
                .name("name").value("I386\\NTDLL.DL_ \"x\"")
                .name("size").value(42)
                .name("ok").value(true)
                .name("list").beginArray().value(1).value("a\nb").endArray()
                .name("empty").beginObject().endObject()
                .endObject();
        w.finish();
        assertThat(sb.toString()).isEqualTo("""
                {
                  "name": "I386\\\\NTDLL.DL_ \\"x\\"",
                  "size": 42,
                  "ok": true,
                  "list": [
                    1,
                    "a\\nb"
                  ],
                  "empty": {}
                }
                """);
    }
}
