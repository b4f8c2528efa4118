package app.pacer.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The import skips a file whose content hash it has stored: the hash must stay the standard SHA-256 in hex. */
class KbImportHashTest {

    @Test
    void contentHashIsHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KbImport.sha256("abc"));
        assertEquals("aa20c23e3201834050679e1d88941b9a6fed0557c9a705cb2c315e2e63fd486d", KbImport.sha256("x".repeat(200)));
    }
}
