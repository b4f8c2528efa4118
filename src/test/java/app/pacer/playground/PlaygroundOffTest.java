package app.pacer.playground;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Outside dev mode, without PACER_PLAYGROUND, none of the playground exists. */
@QuarkusTest
class PlaygroundOffTest {

    @Test
    void everyPlaygroundPathIs404() {
        given().get("/playground").then().statusCode(404);
        given().get("/playground/playground.js").then().statusCode(404);
        given().get("/playground/api/state").then().statusCode(404);
        given().contentType("application/json").body("{}").post("/playground/api/say").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").body("token=x")
                .post("/playground/fake/slack/api/auth.test").then().statusCode(404);
        given().get("/playground/fake/teams/openid/keys").then().statusCode(404);
    }
}
