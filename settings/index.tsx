registerSettingsPage(() => (
  <Page>
    <Section title={<Text bold align="center">Cognito</Text>}>
      <Text>Hello</Text>
    </Section>
  </Page>
));
