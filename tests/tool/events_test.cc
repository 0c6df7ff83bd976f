// csms events ...: requests sent, table and JSON output, errors.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_service.h"
#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr char kAk[] = "AKTOOLTEST0123456789";
constexpr char kSk[] = "SkToolTestSecretValue0123456789abcdefXYZ";
constexpr char kTopicUrn[] = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:topic1";

json EventJson(const std::string& name) {
  return {{"name", name},
          {"event_id", "7d0ad5ff-8b2c-4a5e-9d7e-1f2a3b4c5d6e"},
          {"event_types", {"SECRET_VERSION_CREATED", "SECRET_DELETED"}},
          {"state", "ENABLED"},
          {"create_time", 1581507580000},
          {"update_time", 1581507581234},
          {"notification",
           {{"target_type", "SMN"}, {"target_id", kTopicUrn}, {"target_name", "topic1"}}}};
}

std::map<std::string, std::string> Env(const FakeService& service) {
  return {{"CSMS_ENDPOINT", service.url()}, {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}};
}

std::map<std::string, std::string> EnvWithKeys(const FakeService& service) {
  auto env = Env(service);
  env["HUAWEICLOUD_SDK_AK"] = kAk;
  env["HUAWEICLOUD_SDK_SK"] = kSk;
  return env;
}

const std::vector<std::string> kCreateArgs = {
    "events", "create",         "--name",      "ev1",     "--type",        "SECRET_VERSION_CREATED",
    "--type", "SECRET_DELETED", "--target-id", kTopicUrn, "--target-name", "topic1"};

FakeService::Handler AnswerEvent() {
  return [](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, json{{"event", EventJson("ev1")}}.dump());
  };
}

TEST(EventsCreate, SendsTheRequestSignedAndPrintsFields) {
  FakeService service(AnswerEvent());
  const auto result = RunTool(kCreateArgs, EnvWithKeys(service));

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, ProjectPath("/csms/events"));
  EXPECT_EQ(json::parse(requests[0].body),
            json::parse(R"({"name":"ev1","event_types":["SECRET_VERSION_CREATED","SECRET_DELETED"],
                           "state":"ENABLED","notification":{"target_type":"SMN",
                           "target_id":")" +
                        std::string(kTopicUrn) + R"(","target_name":"topic1"}})"));
  EXPECT_THAT(requests[0].authorization,
              StartsWith(std::string("SDK-HMAC-SHA256 Access=") + kAk + ","));

  EXPECT_THAT(result.out, HasSubstr("Name:"));
  EXPECT_THAT(result.out, HasSubstr("ev1\n"));
  EXPECT_THAT(result.out, HasSubstr("SECRET_VERSION_CREATED, SECRET_DELETED\n"));
  EXPECT_THAT(result.out, HasSubstr("ENABLED\n"));
  EXPECT_THAT(result.out, HasSubstr(std::string(kTopicUrn) + "\n"));
  EXPECT_THAT(result.out, HasSubstr("2020-02-12T11:39:40Z\n"));
  EXPECT_THAT(result.out, HasSubstr("2020-02-12T11:39:41.234Z\n"));
  for (const std::string& secret : {std::string(kAk), std::string(kSk)}) {
    EXPECT_THAT(result.out, Not(HasSubstr(secret)));
    EXPECT_THAT(result.err, Not(HasSubstr(secret)));
  }
}

TEST(EventsCreate, JsonOutputIsTheServiceShape) {
  FakeService service(AnswerEvent());
  auto args = kCreateArgs;
  args.insert(args.begin(), {"--output", "json"});
  const auto result = RunTool(args, EnvWithKeys(service));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_EQ(json::parse(result.out), json({{"event", EventJson("ev1")}}));
}

// A 500 on a create is ambiguous, and the lookup afterwards finds nothing: the
// tool says the outcome is unknown, in text and in JSON, as the SDK does.
FakeService::Handler CreateFailsAndNothingExists() {
  return [](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "POST") {
      res.set_header("X-Request-Id", "req-500");
      Reply(res, 500, R"({"error_code":"CSMS.0500","error_msg":"Internal error."})");
      return;
    }
    Reply(res, 404, R"({"error_code":"CSMS.0005","error_msg":"The event does not exist."})");
  };
}

TEST(EventsCreate, AServerErrorWithUnknownOutcomeSaysSo) {
  FakeService service(CreateFailsAndNothingExists());
  const auto result = RunTool(kCreateArgs, Env(service));

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, StartsWith("csms: server error: HTTP 500 CSMS.0500: Internal error. "
                                     "(request id req-500) ["));
  EXPECT_THAT(result.err, HasSubstr("; outcome unknown: no event of that name exists now"));
  EXPECT_THAT(result.err, HasSubstr("look again before creating it again"));

  const auto json_result = RunTool(
      [] {
        auto args = kCreateArgs;
        args.insert(args.begin(), {"--output", "json"});
        return args;
      }(),
      Env(service));
  EXPECT_EQ(json_result.exit_code, 1);
  ASSERT_EQ(LineCount(json_result.err), 1) << json_result.err;
  const auto error = json::parse(json_result.err).at("error");
  EXPECT_EQ(error.at("status"), 500);
  EXPECT_EQ(error.at("outcome_unknown"), true);
  EXPECT_THAT(error.at("outcome_note").get<std::string>(),
              StartsWith("no event of that name exists now"));
}

// Not ambiguous: no outcome members, and the line is as before.
TEST(EventsShow, AnErrorWithAKnownOutcomeHasNoOutcomeMembers) {
  FakeService service(CreateFailsAndNothingExists());
  const auto result = RunTool({"--output", "json", "events", "show", "ev1"}, Env(service));
  EXPECT_EQ(result.exit_code, 1);
  const auto error = json::parse(result.err).at("error");
  EXPECT_FALSE(error.contains("outcome_unknown")) << result.err;
  EXPECT_FALSE(error.contains("outcome_note")) << result.err;
}

TEST(EventsCreate, GlobalFlagsAfterTheCommandWork) {
  FakeService service(AnswerEvent());
  auto args = kCreateArgs;
  args.insert(args.end(),
              {"--endpoint", service.url(), "--project-id", kProjectId, "--output", "json"});
  // No endpoint or project id in the environment: the flags must supply them.
  const auto result = RunTool(args);

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["event"]["name"], "ev1");
  ASSERT_EQ(service.requests().size(), 1u);
  // Anonymous on a loopback endpoint: nothing to sign with.
  EXPECT_THAT(service.requests()[0].authorization, IsEmpty());
}

TEST(EventsCreate, MisspeltTypeIsAValidationErrorAndSendsNothing) {
  FakeService service(AnswerEvent());
  auto args = kCreateArgs;
  args[5] = "SECRET_VERSION_CREATD";
  const auto result = RunTool(args, Env(service));

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, AllOf(StartsWith("csms: invalid request: event_types"),
                                HasSubstr("SECRET_VERSION_CREATD")));
  EXPECT_THAT(service.requests(), IsEmpty());

  args.insert(args.begin(), {"--output", "json"});
  const auto json_result = RunTool(args, Env(service));
  EXPECT_EQ(json_result.exit_code, 2);
  EXPECT_EQ(LineCount(json_result.err), 1) << json_result.err;
  const auto error = json::parse(json_result.err).at("error");
  EXPECT_EQ(error.at("status"), 0);
  EXPECT_EQ(error.at("error_code"), "ValidationError");
  EXPECT_EQ(error.at("field"), "event_types");
  EXPECT_THAT(error.at("error_msg").get<std::string>(), HasSubstr("event_types"));
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(EventsCreate, MissingRequiredFlagIsAUsageError) {
  FakeService service(AnswerEvent());
  const auto result =
      RunTool({"events", "create", "--name", "ev1", "--type", "SECRET_DELETED"}, Env(service));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("--target-id"));
  EXPECT_THAT(service.requests(), IsEmpty());
}

// Pages of exactly the requested size, chained by marker, so that only the
// markers can end the listing: 2 full pages and a last page of one event.
FakeService::Handler PagedEvents() {
  return [](const httplib::Request& req, httplib::Response& res) {
    const int limit = req.has_param("limit") ? std::stoi(req.get_param_value("limit")) : 50;
    const int total = 2 * limit + 1;
    int start = 0;
    if (req.has_param("marker")) start = std::stoi(req.get_param_value("marker").substr(3)) + 1;
    json events = json::array();
    for (int i = start; i < std::min(start + limit, total); ++i) {
      events.push_back(EventJson("ev-" + std::to_string(i)));
    }
    json page_info = {{"current_count", events.size()}};
    if (start + limit < total) page_info["next_marker"] = "ev-" + std::to_string(start + limit - 1);
    Reply(res, 200, json{{"events", events}, {"page_info", page_info}}.dump());
  };
}

TEST(EventsList, AllFollowsTheMarkersAcrossThreePages) {
  FakeService service(PagedEvents());
  const auto result = RunTool({"--output", "json", "events", "list", "--all"}, Env(service));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].params.count("marker"), 0u);
  EXPECT_EQ(requests[1].params.find("marker")->second, "ev-49");
  EXPECT_EQ(requests[2].params.find("marker")->second, "ev-99");
  const auto output = json::parse(result.out);
  ASSERT_EQ(output.size(), 1u);  // {"events": [...]} and nothing else
  const auto& events = output.at("events");
  ASSERT_EQ(events.size(), 101u);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].at("name"), "ev-" + std::to_string(i));
  }

  const auto table = RunTool({"events", "list", "--all"}, Env(service));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(LineCount(table.out), 102);  // header + 101 rows
  EXPECT_THAT(table.out, StartsWith("NAME    STATE    TYPES"));
  EXPECT_THAT(table.out,
              HasSubstr("\nev-100  ENABLED  SECRET_VERSION_CREATED, SECRET_DELETED  topic1\n"));
}

TEST(EventsList, OnePageShowsTheNextMarker) {
  FakeService service(PagedEvents());
  const auto result = RunTool({"events", "list", "--limit", "2"}, Env(service));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].params.find("limit")->second, "2");
  EXPECT_EQ(result.out,
            "NAME  STATE    TYPES                                   TARGET\n"
            "ev-0  ENABLED  SECRET_VERSION_CREATED, SECRET_DELETED  topic1\n"
            "ev-1  ENABLED  SECRET_VERSION_CREATED, SECRET_DELETED  topic1\n"
            "\n"
            "More events: csms events list --marker ev-1\n");

  const auto json_result = RunTool(
      {"events", "list", "--limit", "2", "--marker", "ev-1", "--output", "json"}, Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  const auto page = json::parse(json_result.out);
  EXPECT_EQ(page.at("events").size(), 2u);
  EXPECT_EQ(page.at("page_info").at("next_marker"), "ev-3");
}

FakeService::Handler NotFound() {
  return [](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Request-Id", "req-404-abc");
    Reply(res, 404,
          R"({"error":{"error_code":"CSMS.0005","error_msg":"The event does not exist."}})");
  };
}

TEST(EventsShow, NotFoundIsOneLineWithCodeAndRequestId) {
  FakeService service(NotFound());
  const auto result = RunTool({"events", "show", "nope"}, Env(service));

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "csms: not found: HTTP 404 CSMS.0005: The event does not exist. "
            "(request id req-404-abc)\n");
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "GET");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/csms/events/nope"));
}

TEST(EventsShow, NotFoundWithJsonOutputIsAJsonErrorOnStderr) {
  FakeService service(NotFound());
  const auto result = RunTool({"--output", "json", "events", "show", "nope"}, Env(service));

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  // The members in the documented order, for readers of the raw line.
  EXPECT_THAT(result.err, StartsWith(R"({"error":{"status":404,"error_code":"CSMS.0005",)"));
  EXPECT_EQ(json::parse(result.err), json::parse(R"({"error": {"status": 404,
      "error_code": "CSMS.0005", "error_msg": "The event does not exist.",
      "request_id": "req-404-abc"}})"));
}

TEST(EventsShow, JsonOutputKeepsValuesTheSdkDoesNotKnow) {
  json event = EventJson("ev1");
  event["event_types"] = {"SECRET_ROTATED_FAILED", "SECRET_FROM_THE_FUTURE"};
  event["state"] = "PAUSED";
  FakeService service([event](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, json{{"event", event}}.dump());
  });
  const auto result = RunTool({"--output", "json", "events", "show", "ev1"}, Env(service));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out), json({{"event", event}}));
}

TEST(EventsShow, AnUndecodableSuccessBodyIsAnInvalidResponse) {
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Request-Id", "req-200-bad");
    Reply(res, 200, R"({"events": []})");
  });
  const auto result = RunTool({"events", "show", "ev1"}, Env(service));

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, StartsWith("csms: invalid response: HTTP 200: "));
  EXPECT_THAT(result.err, HasSubstr("(request id req-200-bad)"));
}

TEST(EventsShow, PrintsTheEvent) {
  FakeService service(AnswerEvent());
  const auto result = RunTool({"events", "show", "ev1"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "Name:         ev1\n"
            "Event ID:     7d0ad5ff-8b2c-4a5e-9d7e-1f2a3b4c5d6e\n"
            "Types:        SECRET_VERSION_CREATED, SECRET_DELETED\n"
            "State:        ENABLED\n"
            "Target type:  SMN\n"
            "Target ID:    " +
                std::string(kTopicUrn) +
                "\n"
                "Target name:  topic1\n"
                "Created:      2020-02-12T11:39:40Z\n"
                "Updated:      2020-02-12T11:39:41.234Z\n");
}

// C1 controls, bidi overrides and line separators from the service reach
// neither a table cell nor an error line.
TEST(EventsShow, ServiceTextCannotControlTheTerminal) {
  json event = EventJson("ev1");
  event["notification"]["target_name"] =
      "a\xc2\x9b"
      "31mb\xe2\x80\xae"
      "c\xe2\x80\xa8"
      "d";
  FakeService service([event](const httplib::Request& req, httplib::Response& res) {
    if (req.path.find("/gone") != std::string::npos) {
      Reply(
          res, 404,
          R"({"error":{"error_code":"CSMS.0005","error_msg":"no\u009b2J such\u202eevent\u2029"}})");
      return;
    }
    Reply(res, 200, json{{"events", {event}}, {"page_info", {{"current_count", 1}}}}.dump());
  });

  const auto list = RunTool({"events", "list"}, Env(service));
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("a 31mb c d\n"));
  const auto error = RunTool({"events", "show", "gone"}, Env(service));
  EXPECT_EQ(error.exit_code, 1);
  EXPECT_EQ(error.err, "csms: not found: HTTP 404 CSMS.0005: no 2J such event  (no request id)\n");

  // The JSON error line escapes them instead, so that nothing is lost.
  const auto json_error = RunTool({"--output", "json", "events", "show", "gone"}, Env(service));
  EXPECT_EQ(json_error.exit_code, 1);
  for (const char c : json_error.err) {
    EXPECT_LT(static_cast<unsigned char>(c), 0x80) << json_error.err;
  }
  EXPECT_EQ(json::parse(json_error.err).at("error").at("error_msg"),
            "no\xc2\x9b"
            "2J such\xe2\x80\xae"
            "event\xe2\x80\xa9");
}

TEST(EventsUpdate, SendsOnlyTheGivenFields) {
  FakeService service(AnswerEvent());
  const auto result = RunTool({"events", "update", "ev1", "--state", "DISABLED"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "PUT");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/csms/events/ev1"));
  EXPECT_EQ(json::parse(service.requests()[0].body), json({{"state", "DISABLED"}}));

  const auto target = RunTool({"events", "update", "ev1", "--target-id", kTopicUrn, "--target-name",
                               "topic1", "--type", "SECRET_ROTATED"},
                              Env(service));
  ASSERT_EQ(target.exit_code, 0) << target.err;
  ASSERT_EQ(service.requests().size(), 2u);
  EXPECT_EQ(
      json::parse(service.requests()[1].body),
      json({{"event_types", {"SECRET_ROTATED"}},
            {"notification",
             {{"target_type", "SMN"}, {"target_id", kTopicUrn}, {"target_name", "topic1"}}}}));
}

TEST(EventsUpdate, HalfATargetIsAUsageError) {
  FakeService service(AnswerEvent());
  const auto result = RunTool({"events", "update", "ev1", "--target-id", kTopicUrn}, Env(service));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("--target-name"));

  const auto nothing = RunTool({"events", "update", "ev1"}, Env(service));
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_EQ(LineCount(nothing.err), 1) << nothing.err;
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(EventsDelete, PrintsNothing) {
  FakeService service([](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  const auto result = RunTool({"events", "delete", "ev1"}, Env(service));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, IsEmpty());
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "DELETE");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/csms/events/ev1"));

  const auto json_result = RunTool({"--output", "json", "events", "delete", "ev1"}, Env(service));
  EXPECT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_THAT(json_result.out, IsEmpty());
}

}  // namespace
}  // namespace csms_tool_test
